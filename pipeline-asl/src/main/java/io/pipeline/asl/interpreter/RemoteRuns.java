package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Distributed Maps whose iterations run as child executions ({@link Execution#runChildExecutions}):
 * starting children within MaxConcurrency, taking their ends, tolerating failures, stopping the
 * rest, and handing the results on once all ended. The parent keeps a {@link ChildRun} per Map; the
 * runtime keeps each child's input and result.
 */
final class RemoteRuns {

  private final Execution execution;
  private final StateRunner runner;

  RemoteRuns(Execution execution, StateRunner runner) {
    this.execution = execution;
    this.runner = runner;
  }

  /** Starts a Map's run: its children's inputs go to the runtime, then the first children. */
  void start(
      Frame frame, MapState map, List<JsonNode> inputs, int maxConcurrency, Tolerance tolerance) {
    String label = map.label().orElse(map.name());
    String seed = execution.idempotencyKey(frame, "/MapRun");
    int[] weights = null;
    if (map.itemBatcher().isPresent()) {
      weights = new int[inputs.size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = Math.max(1, inputs.get(i).path("Items").size());
      }
    }
    ChildRun run =
        new ChildRun(
            ChildExecutions.mapRunArn(execution.identity, label, seed),
            label,
            ChildExecutions.processorPath(execution, frame),
            "EXPRESS"
                .equals(
                    map.json()
                        .path("ItemProcessor")
                        .path("ProcessorConfig")
                        .path("ExecutionType")
                        .asText()),
            execution.now,
            inputs.size(),
            weights,
            seed);
    run.maxConcurrency = maxConcurrency;
    run.tolerance = tolerance;
    frame.run = run;
    frame.waiting = Frame.Waiting.CHILDREN;
    execution.effects.add(new Effect.RecordMapItems(run.arn, inputs));
    execution.mapRunChanged(run);
    if (run.size == 0) {
      runner.later(() -> collect(frame));
      return;
    }
    startMore(frame);
  }

  /** Starts the children that may run now, within this command's budget. */
  void startMore(Frame frame) {
    ChildRun run = frame.run;
    int next;
    while (!run.closed && (next = run.nextToStart()) >= 0) {
      if (runner.overBudget()) {
        if (frame.startMoreTimer == null) {
          frame.startMoreTimer = execution.armTimer(frame, execution.now);
        }
        return;
      }
      runner.spend();
      run.started.set(next);
      execution.effects.add(
          new Effect.StartChildExecution(
              token(run, next),
              childArn(run, next),
              run.arn,
              next,
              run.processorPath,
              run.express));
      execution.mapRunChanged(run);
    }
  }

  /** Whether a task token is one of a Map Run's children. */
  boolean isChildToken(String token) {
    return token.startsWith(prefix());
  }

  /**
   * A child ended: with its output, or its error and cause.
   *
   * @throws IllegalStateException when no running child has this token (its run closed, or it ended
   *     already)
   */
  void ended(String token, Optional<JsonNode> output, String error, String cause) {
    String[] parts = token.substring(prefix().length()).split("/");
    Frame frame =
        openRuns(execution.root).stream()
            .filter(f -> f.run.id().equals(parts[0]))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the run of " + token + " is not open"));
    ChildRun run = frame.run;
    int index = Integer.parseInt(parts[2]);
    if (Integer.parseInt(parts[1]) != run.generation
        || !run.started.get(index)
        || run.ended.get(index)) {
      throw new IllegalStateException("the child of " + token + " is not running");
    }
    run.ended.set(index);
    if (output.isEmpty()) {
      run.failed.set(index);
      if (ChildExecutions.TIMED_OUT.equals(error)) {
        run.timedOut.set(index);
      } else if (ChildExecutions.ABORTED.equals(error)) {
        run.aborted.set(index);
      }
    }
    execution.effects.add(
        new Effect.RecordChildEnd(
            run.arn,
            index,
            childArn(run, index),
            output,
            Optional.ofNullable(error),
            Optional.ofNullable(cause)));
    execution.mapRunChanged(run);
    if (run.toleranceExceeded()) {
      boolean tolerated = run.tolerance.set;
      fail(
          frame,
          tolerated ? StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD : error,
          tolerated ? Tolerance.CAUSE : cause);
    } else {
      startMore(frame);
      if (run.allEnded()) {
        collect(frame);
      }
    }
    runner.runAll();
  }

  /**
   * Changes a running run's settings: see {@link Command.UpdateMapRun}.
   *
   * @throws IllegalStateException when no such run is running in this execution
   */
  void update(Command.UpdateMapRun update) {
    Frame frame =
        openRuns(execution.root).stream()
            .filter(f -> f.run.arn.equals(update.mapRunArn()))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("no Map Run " + update.mapRunArn() + " runs"));
    ChildRun run = frame.run;
    update.maxConcurrency().ifPresent(max -> run.maxConcurrency = max);
    run.tolerance.update(update.toleratedFailureCount(), update.toleratedFailurePercentage());
    execution.mapRunChanged(run);
    if (run.toleranceExceeded()) {
      fail(frame, StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, Tolerance.CAUSE);
    } else {
      startMore(frame);
    }
    runner.runAll();
  }

  /** The run failed: its children are stopped and the Map state fails. */
  private void fail(Frame frame, String error, String cause) {
    frame.run.outcome = "FAILED";
    close(frame.run);
    frame.waiting = Frame.Waiting.NOTHING;
    runner.childRuns().failState(frame, true, error, cause);
  }

  /** Every child succeeded, or failed within the tolerance: the runtime hands the results back. */
  private void collect(Frame frame) {
    State state = execution.stateOf(frame);
    frame.run.outcome = "SUCCEEDED";
    close(frame.run);
    runner.emit(frame, "MapRunSucceeded", state, null, null);
    String token = execution.newTaskToken(frame);
    frame.taskToken = token;
    frame.collectingResults = true;
    frame.waiting = Frame.Waiting.TASK;
    execution.effects.add(new Effect.CollectChildResults(token, frame.run.arn, frame.run.size));
  }

  /**
   * The runtime handed back the results (or could not): the Map goes on to its ResultWriter, or
   * ends with them.
   */
  void collected(Frame frame, Optional<JsonNode> answer, String problem) {
    MapState map = (MapState) execution.stateOf(frame);
    frame.collectingResults = false;
    runner.tasks().clear(frame);
    runner.later(
        () -> {
          if (answer.isEmpty()) {
            runner
                .failures()
                .handle(
                    frame, map, StateFailure.runtime("The Map Run's results: " + problem), true);
            runner.step(frame);
          } else if (map.resultWriter().isPresent()) {
            try {
              runner
                  .childRuns()
                  .writeResults(frame, map, answer.get().path("Results"), answer.get());
            } catch (StateFailure failure) {
              runner.failures().evaluationFailed(frame, map, failure);
              runner.failures().handle(frame, map, failure, true);
              runner.step(frame);
            }
          } else {
            runner.childRuns().completeChildren(frame, map, answer.get().path("Results"));
          }
        });
    runner.runAll();
  }

  /** Stops a run: its running children are stopped, and count as aborted. */
  void close(ChildRun run) {
    if (run.closed) {
      return;
    }
    for (int index : run.runningChildren()) {
      execution.effects.add(new Effect.StopChildExecution(childArn(run, index)));
      run.ended.set(index);
      run.failed.set(index);
      run.aborted.set(index);
    }
    run.closed = true;
    run.stopTime = execution.now;
    execution.mapRunChanged(run);
  }

  /** Redrives a Map whose run did not succeed: its children that did not succeed run again. */
  void redrive(Frame frame) {
    ChildRun run = frame.run;
    frame.reopen(false);
    run.reopen(execution.redriveCount);
    frame.waiting = Frame.Waiting.CHILDREN;
    execution.mapRunChanged(run);
    if (run.allEnded()) {
      runner.later(() -> collect(frame));
    } else {
      startMore(frame);
    }
  }

  /** The frames, from this one down, whose Map runs children now. */
  static List<Frame> openRuns(Frame frame) {
    List<Frame> found = new ArrayList<>();
    if (frame == null) {
      return found;
    }
    if (frame.run != null && !frame.run.closed) {
      found.add(frame);
    }
    if (frame.children != null) {
      frame.children.started.forEach(child -> found.addAll(openRuns(child)));
    }
    return found;
  }

  /** How a run stands now. */
  static MapRun view(String executionArn, ChildRun run) {
    long[] executions = byStatus(run);
    long[] items = run.weights == null ? executions : new long[6];
    for (int i = 0; run.weights != null && i < run.size; i++) {
      int status;
      if (!run.started.get(i)) {
        status = 0;
      } else if (!run.ended.get(i)) {
        status = 1;
      } else if (!run.failed.get(i)) {
        status = 2;
      } else if (run.timedOut.get(i)) {
        status = 4;
      } else {
        status = run.aborted.get(i) ? 5 : 3;
      }
      items[status] += run.weights[i];
    }
    String status = run.outcome != null ? run.outcome : run.closed ? "ABORTED" : "RUNNING";
    return new MapRun(
        run.arn,
        executionArn,
        run.label,
        status,
        run.startTime,
        Optional.ofNullable(run.stopTime),
        run.maxConcurrency,
        run.tolerance.set ? Math.min(run.tolerance.count, Integer.MAX_VALUE) : 0,
        run.tolerance.set ? run.tolerance.percentage : 0,
        counts(items),
        counts(executions));
  }

  /** Children by status, from the sets' sizes: pending, running, succeeded, failed... */
  private static long[] byStatus(ChildRun run) {
    long started = run.started.cardinality();
    long ended = run.ended.cardinality();
    long failed = run.failed.cardinality();
    long timedOut = run.timedOut.cardinality();
    long aborted = run.aborted.cardinality();
    return new long[] {
      run.size - started,
      started - ended,
      ended - failed,
      failed - timedOut - aborted,
      timedOut,
      aborted
    };
  }

  private static MapRun.Counts counts(long[] c) {
    long total = 0;
    for (long n : c) {
      total += n;
    }
    return new MapRun.Counts(c[0], c[1], c[2], c[3], c[4], c[5], total);
  }

  private String prefix() {
    return execution.identity.executionArn() + "/map/";
  }

  private String token(ChildRun run, int index) {
    return prefix() + run.id() + "/" + run.generation + "/" + index;
  }

  private String childArn(ChildRun run, int index) {
    return ChildExecutions.childArn(
        execution.identity, run.label, run.express, run.seed + "/" + index + "#" + run.generation);
  }
}
