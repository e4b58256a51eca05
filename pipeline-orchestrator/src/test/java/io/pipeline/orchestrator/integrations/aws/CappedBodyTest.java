package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.orchestrator.integrations.TaskFailure;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;

/**
 * A body read up to a limit when the response announces no length (chunked): S3 usually announces
 * it, so {@link S3IntegrationIT} covers the other way.
 */
class CappedBodyTest {

  @Test
  void shouldReadTheWholeBodyWhenItFitsTheLimit() throws Exception {
    // given
    CappedBody<String> body = new CappedBody<>(10, "s3://b/k", response -> -1);
    CompletableFuture<CappedBody.Read<String>> read = body.prepare();
    body.onResponse("response");

    // when
    body.onStream(new Chunks(List.of("hello", " you"), new AtomicBoolean()));

    // then
    assertThat(new String(read.get().body())).isEqualTo("hello you");
    assertThat(read.get().response()).isEqualTo("response");
  }

  @Test
  void shouldStopReadingAndFailWithDataLimitExceededWhenTheBodyOutgrowsTheLimit() {
    // given
    CappedBody<String> body = new CappedBody<>(8, "s3://b/k", response -> -1);
    CompletableFuture<CappedBody.Read<String>> read = body.prepare();
    body.onResponse("response");
    AtomicBoolean cancelled = new AtomicBoolean();

    // when
    body.onStream(new Chunks(List.of("hello", " you", " there"), cancelled));

    // then
    assertThat(cancelled).isTrue();
    assertThat(read).isCompletedExceptionally();
    Throwable failure = catchCause(read);
    assertThat(failure).isInstanceOf(TaskFailure.class);
    assertThat(((TaskFailure) failure).error()).isEqualTo("States.DataLimitExceeded");
    assertThat(((TaskFailure) failure).cause()).contains("s3://b/k").contains("8 bytes");
  }

  private static Throwable catchCause(CompletableFuture<?> future) {
    try {
      future.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A body that arrives in chunks, one per request, and notes when it is cancelled. */
  private static final class Chunks implements SdkPublisher<ByteBuffer> {

    private final List<String> chunks;
    private final AtomicBoolean cancelled;

    Chunks(List<String> chunks, AtomicBoolean cancelled) {
      this.chunks = chunks;
      this.cancelled = cancelled;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
      subscriber.onSubscribe(
          new Subscription() {
            private int next;
            private boolean done;

            @Override
            public void request(long n) {
              for (long i = 0; i < n && !done; i++) {
                if (next < chunks.size()) {
                  subscriber.onNext(ByteBuffer.wrap(chunks.get(next++).getBytes()));
                } else {
                  done = true;
                  subscriber.onComplete();
                }
              }
            }

            @Override
            public void cancel() {
              done = true;
              cancelled.set(true);
            }
          });
    }
  }
}
