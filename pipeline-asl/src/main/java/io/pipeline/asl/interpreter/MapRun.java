package io.pipeline.asl.interpreter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Distributed Map's run as AWS's DescribeMapRun shows it: its settings now (UpdateMapRun changes
 * them) and how far its child executions and their items have got.
 *
 * @param mapRunArn the run's ARN
 * @param executionArn the execution whose Map state started it
 * @param label the Map state's {@code Label}, or its name
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code ABORTED}
 * @param startDate when the Map state started the run
 * @param stopDate when the run ended, if it has
 * @param maxConcurrency how many child executions may run at once, 0 for no limit
 * @param toleratedFailureCount how many child executions may fail before the run fails
 * @param toleratedFailurePercentage what percentage may fail before the run fails
 * @param items the items, by how far their child executions have got
 * @param executions the child executions, by status
 */
public record MapRun(
    String mapRunArn,
    String executionArn,
    String label,
    String status,
    Instant startDate,
    Optional<Instant> stopDate,
    int maxConcurrency,
    long toleratedFailureCount,
    double toleratedFailurePercentage,
    Counts items,
    Counts executions) {

  public MapRun {
    Objects.requireNonNull(mapRunArn, "mapRunArn");
    Objects.requireNonNull(stopDate, "stopDate");
  }

  /**
   * Counts by status, AWS's {@code MapRunItemCounts} and {@code MapRunExecutionCounts}.
   *
   * @param pending not started yet
   * @param running started and not ended
   * @param succeeded ended with success
   * @param failed ended with a failure
   * @param timedOut ended by a timeout
   * @param aborted stopped
   * @param total all of them
   */
  public record Counts(
      long pending,
      long running,
      long succeeded,
      long failed,
      long timedOut,
      long aborted,
      long total) {}
}
