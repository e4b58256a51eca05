package io.pipeline.orchestrator.express;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;

/**
 * The log entries of one Express execution on their way to Kafka: {@link #allWritten} completes
 * once Kafka acknowledged every entry sent before it was called, or fails with the first entry that
 * failed. One counter per execution rather than a future per entry: an execution at level ALL
 * writes two entries per state.
 */
final class LogWrites {

  /** Entries sent and not acknowledged, plus one until {@link #allWritten} is called. */
  private final AtomicInteger pending = new AtomicInteger(1);

  private final CompletableFuture<Void> written = new CompletableFuture<>();

  /** A send's callback that counts the entry: call once per entry sent. */
  Callback entrySent() {
    pending.incrementAndGet();
    return (metadata, failure) -> {
      if (failure != null) {
        written.completeExceptionally(failure);
      } else {
        acknowledged();
      }
    };
  }

  /** Completes once every entry sent so far is in Kafka; no entries are sent after this. */
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
