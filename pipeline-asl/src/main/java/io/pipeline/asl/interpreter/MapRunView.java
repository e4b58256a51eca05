package io.pipeline.asl.interpreter;

import io.pipeline.asl.error.StatesErrors;
import java.util.Optional;

/** Counts a Map Run's child executions and their items by status. */
final class MapRunView {

  private static final int PENDING = 0;
  private static final int RUNNING = 1;
  private static final int SUCCEEDED = 2;
  private static final int FAILED = 3;
  private static final int TIMED_OUT = 4;
  private static final int ABORTED_STATUS = 5;

  private MapRunView() {}

  static MapRun of(String executionArn, Children children) {
    MapRunState run = children.run;
    long[] items = new long[6];
    long[] executions = new long[6];
    int total = children.itemInputs.size();
    for (int i = 0; i < total; i++) {
      int status = status(children, i);
      int weight = run.batched ? Math.max(1, children.itemInputs.get(i).path("Items").size()) : 1;
      items[status] += weight;
      executions[status]++;
    }
    String status =
        run.outcome != null ? run.outcome : run.stopTime != null ? "ABORTED" : "RUNNING";
    return new MapRun(
        run.arn,
        executionArn,
        run.label,
        status,
        run.startTime,
        Optional.ofNullable(run.stopTime),
        children.maxConcurrency,
        children.toleranceSet ? Math.min(children.toleratedCount, Integer.MAX_VALUE) : 0,
        children.toleranceSet ? children.toleratedPercentage : 0,
        counts(items),
        counts(executions));
  }

  private static int status(Children children, int index) {
    if (index >= children.started.size()) {
      return PENDING;
    }
    Frame child = children.started.get(index);
    if (child.done) {
      if (!child.failed) {
        return SUCCEEDED;
      }
      if (StatesErrors.TIMEOUT.equals(child.error)) {
        return TIMED_OUT;
      }
      return ChildExecutions.ABORTED.equals(child.error) ? ABORTED_STATUS : FAILED;
    }
    return child.cancelled || children.run.stopTime != null ? ABORTED_STATUS : RUNNING;
  }

  private static MapRun.Counts counts(long[] c) {
    long total = 0;
    for (long n : c) {
      total += n;
    }
    return new MapRun.Counts(
        c[PENDING], c[RUNNING], c[SUCCEEDED], c[FAILED], c[TIMED_OUT], c[ABORTED_STATUS], total);
  }
}
