package io.pipeline.cli.bench;

import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Counts the execution events of a topic as they are committed ({@code read_committed}), from the
 * topic's end when it was created, for the executions whose key (execution ARN) starts with a
 * prefix: state transitions (a {@code *StateEntered} event each) and closed executions, with the
 * time each closed.
 */
final class EventTally implements AutoCloseable {

  /** The events that close an execution. */
  static final Set<String> CLOSING =
      Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");

  private final AtomicLong transitions = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final Map<String, Long> closedAtNanos = new ConcurrentHashMap<>();
  private final ConsumerLoop<String, byte[]> reader;

  /**
   * Starts counting.
   *
   * @param topic the history topic, or Express's log topic
   * @param keyPrefix the executions counted: those whose ARN starts with this
   * @param eventTypes the types of the events a record value holds, in order
   */
  EventTally(
      KafkaSettings kafka,
      String topic,
      String keyPrefix,
      Function<byte[], List<String>> eventTypes) {
    reader =
        ConsumerLoop.start(
            "bench-events",
            CommittedReader.of(kafka, topic, CommittedReader.From.END),
            Duration.ofMillis(50),
            records -> {
              long now = System.nanoTime();
              for (ConsumerRecord<String, byte[]> record : records) {
                if (record.key() != null && record.key().startsWith(keyPrefix)) {
                  eventTypes.apply(record.value()).forEach(t -> count(record.key(), t, now));
                }
              }
            });
  }

  private void count(String executionArn, String type, long now) {
    if (type.endsWith("StateEntered")) {
      transitions.incrementAndGet();
    } else if (CLOSING.contains(type)) {
      closedAtNanos.putIfAbsent(executionArn, now);
      closed.incrementAndGet();
      if (type.equals("ExecutionSucceeded")) {
        succeeded.incrementAndGet();
      }
    }
  }

  /** States entered so far. */
  long transitions() {
    return transitions.get();
  }

  /** Executions closed so far, however they ended. */
  long closed() {
    return closed.get();
  }

  /** Executions that succeeded so far. */
  long succeeded() {
    return succeeded.get();
  }

  /** When the execution's closing event was read ({@link System#nanoTime}), if it was. */
  Optional<Long> closedAt(String executionArn) {
    return Optional.ofNullable(closedAtNanos.get(executionArn));
  }

  /**
   * Waits until this many executions closed.
   *
   * @throws IllegalStateException when they did not in time
   */
  void awaitClosed(long executions, Duration timeout) throws InterruptedException {
    Await.count(closed::get, executions, timeout, "executions closed");
  }

  @Override
  public void close() {
    reader.close();
  }
}
