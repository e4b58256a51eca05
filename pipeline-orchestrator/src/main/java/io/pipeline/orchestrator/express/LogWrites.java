package io.pipeline.orchestrator.express;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;

/**
 * The log records of one Express execution on their way to Kafka: {@link #allWritten} completes
 * once Kafka acknowledged every record sent before it was called, or fails with the first record
 * that failed. One counter per execution rather than a future per record: an execution writes a
 * record for each of its steps.
 */
final class LogWrites {

  /** Records sent and not acknowledged, plus one until {@link #allWritten} is called. */
  private final AtomicInteger pending = new AtomicInteger(1);

  private final CompletableFuture<Void> written = new CompletableFuture<>();

  /** A send's callback that counts the record: call once per record sent. */
  Callback recordSent() {
    pending.incrementAndGet();
    return (metadata, failure) -> {
      if (failure != null) {
        written.completeExceptionally(failure);
      } else {
        acknowledged();
      }
    };
  }

  /** Completes once every record sent so far is in Kafka; no records are sent after this. */
  CompletableFuture<Void> allWritten() {
    acknowledged();
    return written;
  }

  private void acknowledged() {
    if (pending.decrementAndGet() == 0) {
      written.complete(null);
    }
  }
}
