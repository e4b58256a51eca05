package io.pipeline.asl.interpreter;

import java.time.Instant;
import java.util.List;

/** What a Distributed Map keeps of its run when its iterations are child executions. */
final class MapRunState {

  final String arn;
  final String label;
  final List<String> processorPath;
  final boolean express;
  final boolean batched;
  final Instant startTime;

  /**
   * Whether its iterations run as child executions; a run of more than {@link
   * ChildExecutions#MAX_CHILD_EXECUTIONS} runs them inside the execution, and is still recorded.
   */
  final boolean childExecutions;

  /** {@code SUCCEEDED} or {@code FAILED} once the Map decided; null while it runs or was left. */
  String outcome;

  Instant stopTime;

  MapRunState(
      String arn,
      String label,
      List<String> processorPath,
      boolean express,
      boolean batched,
      Instant startTime,
      boolean childExecutions) {
    this.arn = arn;
    this.label = label;
    this.processorPath = List.copyOf(processorPath);
    this.express = express;
    this.batched = batched;
    this.startTime = startTime;
    this.childExecutions = childExecutions;
  }
}
