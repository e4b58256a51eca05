package io.pipeline.orchestrator.runtime;

import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Step Functions' rules for RedriveExecution on a stored execution: whether it can be redriven now
 * and, when not, why, in AWS's words (DescribeExecution's {@code redriveStatusReason}, and the
 * message of {@code ExecutionNotRedrivable}).
 */
public final class Redrives {

  /** How long after it closed an execution can be redriven. */
  public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

  /** How long after it started an execution may still be open, redrives included. */
  public static final Duration MAX_OPEN_TIME = Duration.ofDays(365);

  private Redrives() {}

  /** Why the execution cannot be redriven at {@code now}, or empty when it can. */
  public static Optional<String> notRedrivable(ExecutionRecord record, Instant now) {
    Optional<String> engine =
        ExecutionStatus.valueOf(record.getStatus()).notRedrivable(record.getHistoryEvents());
    if (engine.isPresent()) {
      return engine;
    }
    if (record.getSnapshot() == null) {
      // Closed by a version of the runtime that dropped the state of every closed execution.
      return Optional.of("Execution was started before the launch of RedriveExecution");
    }
    if (record.getStartDate().plus(MAX_OPEN_TIME).isBefore(now)) {
      return Optional.of("Execution has exceeded the max execution time");
    }
    if (record.getStopDate() != null
        && record.getStopDate().plus(REDRIVABLE_PERIOD).isBefore(now)) {
      return Optional.of("Execution redrivable period exceeded");
    }
    return Optional.empty();
  }
}
