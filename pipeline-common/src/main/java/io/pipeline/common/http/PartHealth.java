package io.pipeline.common.http;

import java.util.Objects;

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

  /** Whether the part is up. */
  public boolean isUp() {
    return status == Status.UP;
  }
}
