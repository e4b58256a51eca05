package io.pipeline.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private static final TopicPartition P0 = new TopicPartition("starts", 0);
  private static final TopicPartition P1 = new TopicPartition("starts", 1);

  @Test
  void shouldCommitUpToTheOldestUnfinishedRecordWhenRecordsFinishOutOfOrder() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.taken(P0, 10);
    tracker.taken(P0, 11);
    tracker.taken(P0, 12);

    tracker.finished(P0, 12);
    tracker.finished(P0, 11);

    assertThat(tracker.committable().get(P0).offset()).isEqualTo(10);
    assertThat(tracker.inFlight()).isEqualTo(1);
    tracker.finished(P0, 10);
    assertThat(tracker.committable().get(P0).offset()).isEqualTo(13);
    assertThat(tracker.inFlight()).isZero();
  }

  @Test
  void shouldKeepPartitionsApartAndForgetThoseThatMovedAway() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.taken(P0, 5);
    tracker.taken(P1, 7);

    tracker.finished(P1, 7);
    tracker.forget(List.of(P0));
    tracker.finished(P0, 5); // finished after its partition moved: ignored

    assertThat(tracker.committable()).containsOnlyKeys(P1);
    assertThat(tracker.committable().get(P1).offset()).isEqualTo(8);
    assertThat(tracker.inFlight()).isZero();
  }
}
