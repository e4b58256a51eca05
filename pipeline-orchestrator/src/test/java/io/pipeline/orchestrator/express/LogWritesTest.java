package io.pipeline.orchestrator.express;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Callback;
import org.junit.jupiter.api.Test;

class LogWritesTest {

  @Test
  void shouldCompleteWhenEveryEntrySentIsAcknowledged() {
    // given two entries sent
    LogWrites writes = new LogWrites();
    Callback first = writes.entrySent();
    Callback second = writes.entrySent();

    // when the execution ended and the entries are acknowledged one by one
    CompletableFuture<Void> all = writes.allWritten();
    first.onCompletion(null, null);
    boolean doneAfterFirst = all.isDone();
    second.onCompletion(null, null);

    // then
    assertThat(doneAfterFirst).isFalse();
    assertThat(all).isCompleted();
  }

  @Test
  void shouldCompleteAtOnceWhenNoEntryWasSent() {
    assertThat(new LogWrites().allWritten()).isCompleted();
  }

  @Test
  void shouldFailWhenAnEntryFailed() {
    // given
    LogWrites writes = new LogWrites();
    Callback entry = writes.entrySent();

    // when
    entry.onCompletion(null, new IllegalStateException("broker gone"));

    // then
    assertThat(writes.allWritten()).isCompletedExceptionally();
  }
}
