package io.pipeline.orchestrator.express;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Callback;
import org.junit.jupiter.api.Test;

class LogWritesTest {

  @Test
  void shouldCompleteWhenEveryRecordSentIsAcknowledged() {
    // given two records sent
    LogWrites writes = new LogWrites();
    Callback first = writes.recordSent();
    Callback second = writes.recordSent();

    // when the execution ended and the records are acknowledged one by one
    CompletableFuture<Void> all = writes.allWritten();
    first.onCompletion(null, null);
    boolean doneAfterFirst = all.isDone();
    second.onCompletion(null, null);

    // then
    assertThat(doneAfterFirst).isFalse();
    assertThat(all).isCompleted();
  }

  @Test
  void shouldCompleteAtOnceWhenNoRecordWasSent() {
    assertThat(new LogWrites().allWritten()).isCompleted();
  }

  @Test
  void shouldFailWhenARecordFailed() {
    // given
    LogWrites writes = new LogWrites();
    Callback record = writes.recordSent();

    // when
    record.onCompletion(null, new IllegalStateException("broker gone"));

    // then
    assertThat(writes.allWritten()).isCompletedExceptionally();
  }
}
