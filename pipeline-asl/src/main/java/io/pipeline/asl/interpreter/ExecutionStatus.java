package io.pipeline.asl.interpreter;

import java.util.Optional;

/** Where an execution is in its life. */
public enum ExecutionStatus {
  NOT_STARTED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED;

  /**
   * Why an execution in this status cannot be redriven, in AWS's words, or empty when it can: it
   * must have failed, been aborted or timed out, and have room in its history for more than its
   * redrive event. The runtime adds the limits that depend on dates (14 days after it closed, a
   * year after it started).
   *
   * @param historyEvents how many events its history holds
   */
  public Optional<String> notRedrivable(long historyEvents) {
    return switch (this) {
      case FAILED, ABORTED, TIMED_OUT ->
          historyEvents + 2 >= Execution.MAX_HISTORY_EVENTS
              ? Optional.of("Execution history event limit exceeded")
              : Optional.empty();
      default -> Optional.of("Execution is " + this + " and cannot be redriven");
    };
  }
}
