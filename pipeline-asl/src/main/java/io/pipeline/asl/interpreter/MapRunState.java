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

  /** {@code SUCCEEDED} or {@code FAILED} once the Map decided; null while it runs or was left. */
  String outcome;

  Instant stopTime;

  MapRunState(
      String arn,
      String label,
      List<String> processorPath,
      boolean express,
      boolean batched,
      Instant startTime) {
    this.arn = arn;
    this.label = label;
    this.processorPath = List.copyOf(processorPath);
    this.express = express;
    this.batched = batched;
    this.startTime = startTime;
  }
}
