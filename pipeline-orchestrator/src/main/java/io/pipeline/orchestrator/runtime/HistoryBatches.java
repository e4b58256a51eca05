package io.pipeline.orchestrator.runtime;

import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Executions' histories in the runtime's history store and on the history topic: the events a
 * command adds are one record, keyed in the store by execution ARN and the id of its first event
 * (see {@link StoreKeys#historyBatch}). Writing a command's events together costs one store update,
 * one changelog record and one history record, where an event each cost that many times more.
 *
 * <p>Event ids are consecutive, so the batch holding an event is the last one starting at or before
 * its id.
 */
final class HistoryBatches {

  /**
   * A batch of several events is at most this many bytes, as {@link #bytes} bounds an event: within
   * the broker's default record size of 1 MiB. An event larger than this is a batch of its own, as
   * it was a record of its own before batches.
   */
  static final long MAX_BATCH_BYTES = 768 * 1024;

  /**
   * At most the bytes an event takes in a batch: its details and type at three bytes a character
   * (UTF-8's most for a {@code char}), and its numbers and lengths.
   */
  static long bytes(String type, String details) {
    return 3L * (type.length() + details.length()) + 48;
  }

  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<Bytes, ExecutionHistoryBatch> store;

  HistoryBatches(
      ProcessorContext<String, Object> context, KeyValueStore<Bytes, ExecutionHistoryBatch> store) {
    this.context = context;
    this.store = store;
  }

  /** Stores the events a command added to an execution's history and sends them on its topic. */
  void append(String executionArn, List<HistoryEvent> events, Instant now) {
    List<ExecutionHistoryEvent> batch = new ArrayList<>();
    long size = 0;
    for (HistoryEvent event : events) {
      String details = event.details().toString();
      long bytes = bytes(event.type(), details);
      if (!batch.isEmpty() && size + bytes > MAX_BATCH_BYTES) {
        write(executionArn, batch, now);
        batch = new ArrayList<>();
        size = 0;
      }
      batch.add(
          new ExecutionHistoryEvent(
              event.id(), event.previousEventId(), event.type(), event.timestamp(), details));
      size += bytes;
    }
    if (!batch.isEmpty()) {
      write(executionArn, batch, now);
    }
  }

  private void write(String executionArn, List<ExecutionHistoryEvent> events, Instant now) {
    ExecutionHistoryBatch batch = new ExecutionHistoryBatch(executionArn, events);
    store.put(StoreKeys.historyBatch(executionArn, events.get(0).getId()), batch);
    context.forward(
        new Record<>(executionArn, batch, now.toEpochMilli()), RuntimeTopology.HISTORY_SINK);
  }

  /** Deletes an execution's whole history. */
  void purge(String executionArn) {
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, ExecutionHistoryBatch> batches =
        store.range(
            StoreKeys.historyBatch(executionArn, 0),
            StoreKeys.historyBatch(executionArn, Long.MAX_VALUE))) {
      batches.forEachRemaining(batch -> keys.add(batch.key));
    }
    keys.forEach(store::delete);
  }

  /** One event of an execution's history; none if it is not (or no longer) there. */
  static Optional<ExecutionHistoryEvent> event(
      ReadOnlyKeyValueStore<Bytes, ExecutionHistoryBatch> store, String executionArn, long id) {
    return holding(store, executionArn, id)
        .flatMap(batch -> batch.getEvents().stream().filter(e -> e.getId() == id).findFirst());
  }

  /**
   * A page of an execution's history.
   *
   * @param after the page starts after this event id (before it when reverse; 0 for the start)
   * @param max at most this many events
   * @param reverse newest first
   */
  static List<ExecutionHistoryEvent> page(
      ReadOnlyKeyValueStore<Bytes, ExecutionHistoryBatch> store,
      String executionArn,
      long after,
      int max,
      boolean reverse) {
    List<ExecutionHistoryEvent> page = new ArrayList<>();
    if (reverse) {
      long before = after == 0 ? Long.MAX_VALUE : after;
      try (KeyValueIterator<Bytes, ExecutionHistoryBatch> batches =
          store.reverseRange(
              StoreKeys.historyBatch(executionArn, 0),
              StoreKeys.historyBatch(executionArn, before - 1))) {
        while (batches.hasNext() && page.size() < max) {
          List<ExecutionHistoryEvent> events = batches.next().value.getEvents();
          for (int i = events.size() - 1; i >= 0 && page.size() < max; i--) {
            if (events.get(i).getId() < before) {
              page.add(events.get(i));
            }
          }
        }
      }
      return page;
    }
    long first =
        holding(store, executionArn, after + 1)
            .map(batch -> batch.getEvents().get(0).getId())
            .orElse(after + 1);
    try (KeyValueIterator<Bytes, ExecutionHistoryBatch> batches =
        store.range(
            StoreKeys.historyBatch(executionArn, first),
            StoreKeys.historyBatch(executionArn, Long.MAX_VALUE))) {
      while (batches.hasNext() && page.size() < max) {
        for (ExecutionHistoryEvent event : batches.next().value.getEvents()) {
          if (event.getId() > after && page.size() < max) {
            page.add(event);
          }
        }
      }
    }
    return page;
  }

  /** The batch that holds event {@code id}, if any: the last one starting at or before it. */
  private static Optional<ExecutionHistoryBatch> holding(
      ReadOnlyKeyValueStore<Bytes, ExecutionHistoryBatch> store, String executionArn, long id) {
    try (KeyValueIterator<Bytes, ExecutionHistoryBatch> batches =
        store.reverseRange(
            StoreKeys.historyBatch(executionArn, 0), StoreKeys.historyBatch(executionArn, id))) {
      return batches.hasNext() ? Optional.of(batches.next().value) : Optional.empty();
    }
  }
}
