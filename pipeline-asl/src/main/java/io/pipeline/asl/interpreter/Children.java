package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The branches of a running Parallel state, or the iterations of a running Map state. */
final class Children {

  final boolean map;
  final boolean distributed;
  final JsonNode stateInput;
  final List<JsonNode> itemInputs;
  final int maxConcurrency;
  final Tolerance tolerance;
  final List<Frame> started = new ArrayList<>();
  final JsonNode[] results;
  int failures;
  int completed;
  boolean closed;

  Children(
      boolean map,
      boolean distributed,
      JsonNode stateInput,
      List<JsonNode> itemInputs,
      int maxConcurrency,
      Tolerance tolerance) {
    this.map = map;
    this.distributed = distributed;
    this.stateInput = stateInput;
    this.itemInputs = List.copyOf(itemInputs);
    this.maxConcurrency = maxConcurrency;
    this.tolerance = tolerance;
    this.results = new JsonNode[itemInputs.size()];
  }

  int running() {
    return started.size() - completed;
  }

  boolean canStartMore() {
    return started.size() < itemInputs.size()
        && (maxConcurrency == 0 || running() < maxConcurrency);
  }

  /** Whether every child has finished and been accounted for. */
  /**
   * Opens closed children again for a redrive: those that succeeded count as done, the others are
   * run again.
   */
  void reopen() {
    closed = false;
    failures = 0;
    completed = (int) started.stream().filter(c -> c.done && !c.failed).count();
  }

  boolean allDone() {
    return completed == itemInputs.size();
  }

  /** Whether the failures so far exceed what the state tolerates. */
  boolean toleranceExceeded() {
    return tolerance.exceeded(failures, itemInputs.size());
  }
}
