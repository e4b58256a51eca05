package io.pipeline.transform.etl;

import io.pipeline.client.worker.TaskFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Tells the runtime a long task is alive, at most once per interval. */
final class Heartbeats {

  private final Runnable beat;
  private final Duration interval;
  private final Clock clock;
  private Instant last;

  /**
   * @param beat sends one heartbeat (e.g. {@code ActivityTask::heartbeat})
   */
  Heartbeats(Runnable beat, Duration interval, Clock clock) {
    this.beat = beat;
    this.interval = interval;
    this.clock = clock;
    this.last = clock.instant();
  }

  /** Heartbeats that tell no one, for loads run outside a task. */
  static Heartbeats none(Clock clock) {
    return new Heartbeats(() -> {}, Duration.ofDays(1), clock);
  }

  /** Sends a heartbeat if the interval has passed since the last. */
  void maybeBeat() throws TaskFailedException {
    Instant now = clock.instant();
    if (now.isBefore(last.plus(interval))) {
      return;
    }
    try {
      beat.run();
    } catch (RuntimeException e) {
      throw new TaskFailedException(
          EtlErrors.KAFKA_UNAVAILABLE, "A heartbeat did not reach Kafka: " + e.getMessage());
    }
    last = now;
  }
}
