package io.pipeline.orchestrator.integrations.aws;

import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;

/**
 * Reads a response body into memory up to a limit, without blocking a thread: past the limit (by
 * the announced length, or by the bytes received) it stops reading and fails with {@code
 * States.DataLimitExceeded}, since a task's result cannot be larger than AWS's payload limit.
 *
 * @param <R> the SDK's response type
 */
final class CappedBody<R> implements AsyncResponseTransformer<R, CappedBody.Read<R>> {

  /** AWS's payload limit for a task's input and result: 256 KiB. */
  static final int PAYLOAD_LIMIT = 256 * 1024;

  /** The response and the bytes of its body. */
  record Read<R>(R response, byte[] body) {}

  private final int limit;
  private final String what;
  private final java.util.function.ToLongFunction<R> announcedLength;
  private volatile CompletableFuture<Read<R>> result;
  private volatile R response;

  /**
   * @param limit the most bytes read
   * @param what the body's name for the failure's cause, e.g. {@code s3://bucket/key}
   * @param announcedLength the length the response announces, or -1 when it announces none
   */
  CappedBody(int limit, String what, java.util.function.ToLongFunction<R> announcedLength) {
    this.limit = limit;
    this.what = what;
    this.announcedLength = announcedLength;
  }

  @Override
  public CompletableFuture<Read<R>> prepare() {
    result = new CompletableFuture<>();
    return result;
  }

  @Override
  public void onResponse(R response) {
    this.response = response;
  }

  @Override
  public void onStream(SdkPublisher<ByteBuffer> publisher) {
    publisher.subscribe(new Collector(result, response));
  }

  @Override
  public void exceptionOccurred(Throwable error) {
    result.completeExceptionally(error);
  }

  private TaskFailure tooLarge(long size) {
    return new TaskFailure(
        "States.DataLimitExceeded",
        "The body of "
            + what
            + (size >= 0 ? " has " + size + " bytes" : " is larger than that")
            + ": a task's result is limited to "
            + limit
            + " bytes (256 KiB)");
  }

  /** Collects one attempt's body; each attempt of the SDK gets its own. */
  private final class Collector implements Subscriber<ByteBuffer> {

    private final CompletableFuture<Read<R>> future;
    private final R attempt;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Subscription subscription;

    Collector(CompletableFuture<Read<R>> future, R attempt) {
      this.future = future;
      this.attempt = attempt;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      this.subscription = subscription;
      long announced = attempt == null ? -1 : announcedLength.applyAsLong(attempt);
      if (announced > limit) {
        subscription.cancel();
        future.completeExceptionally(tooLarge(announced));
        return;
      }
      subscription.request(1);
    }

    @Override
    public void onNext(ByteBuffer buffer) {
      if (future.isDone()) {
        return;
      }
      int size = buffer.remaining();
      if (bytes.size() + (long) size > limit) {
        subscription.cancel();
        future.completeExceptionally(tooLarge(-1));
        return;
      }
      byte[] chunk = new byte[size];
      buffer.get(chunk);
      bytes.write(chunk, 0, size);
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      future.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      future.complete(new Read<>(attempt, bytes.toByteArray()));
    }
  }
}
