package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Histories stored a command's events to a record, read back an event at a time. */
class HistoryBatchesTest {

  private static final String ARN = "arn:aws:states:us-east-1:000000000000:execution:m:e";
  private static final String LONGER_ARN = ARN + "2";
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private KeyValueStore<Bytes, ExecutionHistoryBatch> store;
  private HistoryBatches history;

  @BeforeEach
  void createStore() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RuntimeTopology.HISTORY_STORE),
                Serdes.Bytes(),
                new PipelineTopics(SchemaCatalog.builtIn()).executionHistory().valueSerde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    history = new HistoryBatches(context, store);
  }

  /** Events {@code from} to {@code to} of an execution, each with details of the given size. */
  private static List<HistoryEvent> events(long from, long to, int detailChars) {
    return LongStream.rangeClosed(from, to)
        .mapToObj(
            id ->
                new HistoryEvent(
                    id,
                    id - 1,
                    "PassStateEntered",
                    T0.plusMillis(id),
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("name", "S" + id)
                        .put("input", "x".repeat(detailChars))))
        .toList();
  }

  private static List<Long> ids(List<ExecutionHistoryEvent> events) {
    return events.stream().map(ExecutionHistoryEvent::getId).toList();
  }

  private static List<Long> range(long from, long to, boolean reverse) {
    List<Long> ids = new ArrayList<>(LongStream.rangeClosed(from, to).boxed().toList());
    if (reverse) {
      Collections.reverse(ids);
    }
    return ids;
  }

  @Test
  void shouldWriteEachCommandsEventsAsOneRecordOnTheTopicAndInTheStore() {
    history.append(ARN, events(1, 3, 10), T0);
    history.append(ARN, events(4, 5, 10), T0);

    assertThat(context.forwarded())
        .allSatisfy(
            sent -> {
              assertThat(sent.childName()).contains(RuntimeTopology.HISTORY_SINK);
              assertThat(sent.record().key()).isEqualTo(ARN);
              assertThat(sent.record().timestamp()).isEqualTo(T0.toEpochMilli());
            })
        .extracting(sent -> ids(((ExecutionHistoryBatch) sent.record().value()).getEvents()))
        .containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L));
    assertThat(store.approximateNumEntries()).isEqualTo(2);
  }

  @Test
  void shouldPageForwardAndBackwardFromAnyEventAcrossBatches() {
    history.append(ARN, events(1, 3, 10), T0);
    history.append(ARN, events(4, 4, 10), T0);
    history.append(ARN, events(5, 9, 10), T0);
    history.append(LONGER_ARN, events(1, 4, 10), T0);

    for (long after = 0; after <= 10; after++) {
      for (int max = 1; max <= 10; max++) {
        long forwardTo = Math.min(after + max, 9);
        assertThat(ids(HistoryBatches.page(store, ARN, after, max, false)))
            .as("forward after %d, at most %d", after, max)
            .isEqualTo(range(after + 1, forwardTo, false));
        long newest = after == 0 ? 9 : Math.min(after - 1, 9);
        assertThat(ids(HistoryBatches.page(store, ARN, after, max, true)))
            .as("backward before %d, at most %d", after, max)
            .isEqualTo(range(Math.max(1, newest - max + 1), newest, true));
      }
    }
  }

  @Test
  void shouldFindEachEventInItsBatchAndNoneBeyondTheHistory() {
    history.append(ARN, events(1, 3, 10), T0);
    history.append(ARN, events(4, 6, 10), T0);
    history.append(LONGER_ARN, events(1, 9, 10), T0);

    for (long id = 1; id <= 6; id++) {
      assertThat(HistoryBatches.event(store, ARN, id))
          .map(ExecutionHistoryEvent::getId)
          .contains(id);
    }
    assertThat(HistoryBatches.event(store, ARN, 7)).isEmpty();
    assertThat(HistoryBatches.event(store, ARN + "-other", 1)).isEmpty();
  }

  @Test
  void shouldSplitACommandsLargeEventsIntoBatchesWhenTheyWouldPassTheLimit() {
    // Details of about a third of the limit: two events to a batch.
    int large = (int) (HistoryBatches.MAX_BATCH_BYTES / 3 / 3) + 100;
    history.append(ARN, events(1, 7, large), T0);
    history.append(ARN, events(8, 8, (int) HistoryBatches.MAX_BATCH_BYTES), T0);

    List<ExecutionHistoryBatch> sent =
        context.forwarded().stream()
            .map(forward -> (ExecutionHistoryBatch) forward.record().value())
            .toList();
    assertThat(sent)
        .extracting(batch -> ids(batch.getEvents()))
        .containsExactly(
            List.of(1L, 2L), List.of(3L, 4L), List.of(5L, 6L), List.of(7L), List.of(8L));
    assertThat(sent)
        .filteredOn(batch -> batch.getEvents().size() > 1)
        .allSatisfy(
            batch -> {
              assertThat(
                      batch.getEvents().stream()
                          .mapToLong(e -> HistoryBatches.bytes(e.getType(), e.getDetails()))
                          .sum())
                  .isLessThanOrEqualTo(HistoryBatches.MAX_BATCH_BYTES);
              assertThat(
                      new PipelineTopics(SchemaCatalog.builtIn())
                          .executionHistory()
                          .valueSerde()
                          .serializer()
                          .serialize("h", batch)
                          .length)
                  .as("the record, encoded")
                  .isLessThan(1024 * 1024);
            });
    assertThat(ids(HistoryBatches.page(store, ARN, 0, 100, false))).isEqualTo(range(1, 8, false));
  }

  @Test
  void shouldPurgeOneExecutionsWholeHistoryAndNoOther() {
    history.append(ARN, events(1, 3, 10), T0);
    history.append(ARN, events(4, 6, 10), T0);
    history.append(LONGER_ARN, events(1, 2, 10), T0);

    history.purge(ARN);

    assertThat(HistoryBatches.page(store, ARN, 0, 100, false)).isEmpty();
    assertThat(HistoryBatches.page(store, ARN, 0, 100, true)).isEmpty();
    assertThat(ids(HistoryBatches.page(store, LONGER_ARN, 0, 100, false)))
        .isEqualTo(List.of(1L, 2L));
  }
}
