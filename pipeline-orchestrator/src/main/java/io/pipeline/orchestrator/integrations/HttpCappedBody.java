package io.pipeline.orchestrator.integrations;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer's body up to a limit. A longer body (declared or as it arrives) stops the read
 * and fails the task with {@code States.DataLimitExceeded}, so no answer fills the heap.
 */
final class HttpCappedBody implements HttpResponse.BodySubscriber<byte[]> {

  private final int limit;
  private final String target;
  private final long declaredLength;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private HttpCappedBody(int limit, String target, long declaredLength) {
    this.limit = limit;
    this.target = target;
    this.declaredLength = declaredLength;
  }

  /**
   * A body handler that reads at most {@code limit} bytes.
   *
   * @param target the service, {@code host:port}, for the cause
   */
  static HttpResponse.BodyHandler<byte[]> handler(int limit, String target) {
    return info ->
        new HttpCappedBody(
            limit, target, info.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > limit) {
      tooLarge();
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
    if (bytes.size() > limit) {
      tooLarge();
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  private void tooLarge() {
    subscription.cancel();
    body.completeExceptionally(
        new TaskFailure(
            HttpTaskFailures.DATA_LIMIT_EXCEEDED,
            "The answer of "
                + target
                + " is larger than "
                + limit
                + " bytes (ORCHESTRATOR_HTTP_TASK_MAX_RESPONSE_BYTES); AWS limits a state's"
                + " payload to 256 KiB"));
  }
}
