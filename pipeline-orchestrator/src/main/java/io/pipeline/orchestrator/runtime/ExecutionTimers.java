package io.pipeline.orchestrator.runtime;

import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The timers of a stream task's executions: waiting in a store ordered by due time, and sent as
 * {@link TimerFired} commands once due. A timer due at once (the engine's "continue after the
 * budget") goes straight to the command topic.
 */
final class ExecutionTimers {

  /** At most this many timers fire per punctuation; the rest at the next. */
  private static final int TIMERS_PER_PUNCTUATION = 1_000;

  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<Bytes, byte[]> store;
  private final RuntimeMetrics metrics;

  ExecutionTimers(
      ProcessorContext<String, Object> context,
      KeyValueStore<Bytes, byte[]> store,
      RuntimeMetrics metrics) {
    this.context = context;
    this.store = store;
    this.metrics = metrics;
  }

  /** Arms a timer of an execution: it fires at {@code dueAt}, or now if that has passed. */
  void arm(String arn, String timerId, Instant dueAt, Instant now) {
    if (!dueAt.isAfter(now)) {
      send(arn, timerId, now);
    } else {
      store.put(StoreKeys.timer(dueAt, arn, timerId), new byte[0]);
    }
  }

  /** The punctuator: sends the commands of the timers due by now. */
  void fireDue(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    // Collect first, then delete: a store's iterator must not see its own deletions.
    List<Bytes> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> timersDue =
        store.range(StoreKeys.firstTimer(), StoreKeys.timersDueAfter(now))) {
      while (timersDue.hasNext() && due.size() < TIMERS_PER_PUNCTUATION) {
        due.add(timersDue.next().key);
      }
    }
    for (Bytes key : due) {
      StoreKeys.Timer timer = StoreKeys.timerOf(key);
      store.delete(key);
      send(timer.executionArn(), timer.timerId(), now);
      metrics.timerFired(Duration.between(timer.dueAt(), now));
    }
  }

  private void send(String arn, String timerId, Instant now) {
    ExecutionCommand fired = new ExecutionCommand(arn, null, now, new TimerFired(timerId));
    context.forward(new Record<>(arn, fired, now.toEpochMilli()), RuntimeTopology.COMMANDS_SINK);
  }
}
