package io.pipeline.common.http;

import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code /health} says of one part of a service.
 *
 * @param status whether the part does its work now
 * @param state the part's state in its own words, e.g. a Kafka Streams state such as {@code
 *     RUNNING}; for a part that is simply up or down, its status
 */
public record PartHealth(Status status, String state) {

  /** Up or down; a service is up when every part is. */
  public enum Status {
    UP,
    DOWN
  }

  public PartHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(state, "state");
  }

  /** A part that is simply up or down: its state is its status. */
  public static PartHealth of(boolean up) {
    Status status = up ? Status.UP : Status.DOWN;
    return new PartHealth(status, status.name());
  }

  /**
   * A Kafka Streams application: up while RUNNING or REBALANCING. A rebalance is the normal,
   * passing state whenever an instance joins or leaves the group, and one that restores stores can
   * last minutes; a supervisor that restarted instances on a 503 would then start a new rebalance
   * each time. CREATED (starting), PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR and ERROR are down.
   */
  public static PartHealth of(KafkaStreams.State state) {
    return new PartHealth(state.isRunningOrRebalancing() ? Status.UP : Status.DOWN, state.name());
  }

  /** Whether the part is up. */
  public boolean isUp() {
    return status == Status.UP;
  }
}
