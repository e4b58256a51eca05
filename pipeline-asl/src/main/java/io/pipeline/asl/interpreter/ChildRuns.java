package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.path.PathScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The branches of Parallel states and the iterations of Map states: starting them, counting what
 * they gave, and finishing the state.
 */
final class ChildRuns {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Execution execution;
  private final StateRunner runner;

  ChildRuns(Execution execution, StateRunner runner) {
    this.execution = execution;
    this.runner = runner;
  }

  void parallel(Frame frame, ParallelState parallel, JsonNode effective) {
    runner.emit(frame, "ParallelStateStarted", StateRunner.details(parallel, null, null));
    List<JsonNode> inputs = new ArrayList<>();
    parallel.branches().forEach(b -> inputs.add(effective));
    Children children = new Children(false, false, effective, inputs, 0, 0, 0, false);
    startChildren(frame, children, parallel.branches());
  }

  /** Starts the children a Parallel or Map state may run now. */
  void startChildren(Frame frame, Children children, List<StateMachine> machines) {
    frame.children = children;
    frame.waiting = Frame.Waiting.CHILDREN;
    if (children.itemInputs.isEmpty()) {
      runner.later(() -> finishChildren(frame));
      return;
    }
    startMore(frame, machines);
  }

  void startMore(Frame frame, List<StateMachine> machines) {
    Children children = frame.children;
    while (children.canStartMore()) {
      if (runner.overBudget()) {
        // The rest start on the next command, through one timer due at once.
        if (frame.startMoreTimer == null) {
          frame.startMoreTimer = execution.armTimer(frame, execution.now);
        }
        return;
      }
      runner.spend();
      int index = children.started.size();
      StateMachine machine = machines.get(Math.min(index, machines.size() - 1));
      Frame child =
          new Frame(
              machine,
              Optional.of(frame),
              index,
              children.itemInputs.get(index),
              frame.variables,
              frame.silent || children.distributed);
      children.started.add(child);
      if (children.run != null && children.run.childExecutions) {
        startChildExecution(frame, children, child);
        continue;
      }
      if (children.run != null) {
        execution.mapRunChanged(children);
      }
      if (children.map && !children.distributed) {
        ObjectNode details = NODES.objectNode();
        details.put("index", index);
        details.put("name", frame.state);
        runner.emit(frame, "MapIterationStarted", details);
      }
      runner.later(() -> runner.step(child));
    }
  }

  /** Starts an iteration of a Distributed Map as a child execution, which reports its end. */
  private void startChildExecution(Frame frame, Children children, Frame child) {
    MapRunState run = children.run;
    String seed = execution.idempotencyKey(child, "") + "#" + execution.redriveCount;
    child.childArn = ChildExecutions.childArn(execution.identity, run.label, run.express, seed);
    String token = execution.newTaskToken(child);
    child.taskToken = token;
    child.waiting = Frame.Waiting.TASK;
    execution.effects.add(
        new Effect.StartChildExecution(
            token, child.childArn, run.arn, run.processorPath, run.express, child.input));
    execution.mapRunChanged(children);
  }

  /** A child execution ended: its iteration ends as it did. */
  void childExecutionEnded(Frame child, JsonNode output, String error, String cause) {
    runner.tasks().clear(child);
    if (output != null) {
      child.succeed(output);
    } else {
      child.fail(error, cause);
    }
    runner.later(() -> runner.step(child));
    runner.runAll();
  }

  /**
   * Changes a running Map Run's settings: see {@link Command.UpdateMapRun}.
   *
   * @throws IllegalStateException when no such run is running in this execution
   */
  void updateMapRun(Command.UpdateMapRun update) {
    Frame frame =
        openRuns(execution.root).stream()
            .filter(f -> f.children.run.arn.equals(update.mapRunArn()))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("no Map Run " + update.mapRunArn() + " runs"));
    Children children = frame.children;
    update.maxConcurrency().ifPresent(max -> children.maxConcurrency = max);
    update
        .toleratedFailureCount()
        .ifPresent(
            count -> {
              children.toleratedPercentage =
                  children.toleranceSet ? children.toleratedPercentage : 100;
              children.toleratedCount = count;
              children.toleranceSet = true;
            });
    update
        .toleratedFailurePercentage()
        .ifPresent(
            percentage -> {
              children.toleratedCount =
                  children.toleranceSet ? children.toleratedCount : Long.MAX_VALUE;
              children.toleratedPercentage = percentage;
              children.toleranceSet = true;
            });
    execution.mapRunChanged(children);
    if (children.toleranceExceeded()) {
      failChildren(frame, children, StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, "");
    } else {
      startMore(frame, machines(execution.stateOf(frame)));
      if (children.allDone()) {
        runner.later(() -> finishChildren(frame));
      }
    }
    runner.runAll();
  }

  /** The frames, from this one down, whose Distributed Map runs child executions now. */
  static List<Frame> openRuns(Frame frame) {
    List<Frame> found = new ArrayList<>();
    if (frame == null || frame.children == null) {
      return found;
    }
    if (frame.children.run != null && !frame.children.closed) {
      found.add(frame);
    }
    frame.children.started.forEach(child -> found.addAll(openRuns(child)));
    return found;
  }

  void childDone(Frame frame, Frame child) {
    Children children = frame.children;
    if (children == null
        || children.closed
        || child.index >= children.started.size()
        || children.started.get(child.index) != child) {
      return;
    }
    State state = execution.stateOf(frame);
    children.completed++;
    if (child.failed()) {
      children.failures++;
      if (children.map && !children.distributed) {
        runner.emit(frame, "MapIterationFailed", iteration(frame, child));
      }
    } else {
      children.results[child.index] = child.output;
      if (children.map && !children.distributed) {
        runner.emit(frame, "MapIterationSucceeded", iteration(frame, child));
      }
    }
    if (children.run != null) {
      execution.mapRunChanged(children);
    }
    boolean failed = children.map ? children.toleranceExceeded() : child.failed();
    if (failed) {
      failChildren(
          frame,
          children,
          children.toleranceSet ? StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD : child.error,
          child.cause);
      return;
    }
    if (children.map) {
      startMore(frame, machines(state));
    }
    if (children.allDone()) {
      finishChildren(frame);
    }
  }

  /** A branch failed, or a Map's iterations failed more than it tolerates: the state fails. */
  private void failChildren(Frame frame, Children children, String error, String childCause) {
    State state = execution.stateOf(frame);
    if (children.run != null) {
      children.run.outcome = "FAILED";
    }
    close(frame, children);
    String cause =
        children.toleranceSet
            ? "The specified tolerated failure threshold was exceeded"
            : childCause;
    if (children.distributed) {
      runner.emit(frame, "MapRunFailed", StateRunner.details(state, null, null));
    }
    runner
        .failures()
        .handle(
            frame,
            state,
            new StateFailure(error == null ? "" : error, cause == null ? "" : cause),
            false);
    runner.later(() -> runner.step(frame));
  }

  /** The state machines a Parallel's branches or a Map's iterations run. */
  static List<StateMachine> machines(State state) {
    return state instanceof ParallelState parallel
        ? parallel.branches()
        : List.of(((MapState) state).processor());
  }

  void finishChildren(Frame frame) {
    Children children = frame.children;
    if (frame.cancelled || children == null || children.closed) {
      return;
    }
    State state = execution.stateOf(frame);
    if (children.run != null) {
      children.run.outcome = "SUCCEEDED";
    }
    close(frame, children);
    ArrayNode results = NODES.arrayNode();
    for (JsonNode result : children.results) {
      results.add(result == null ? NODES.nullNode() : result);
    }
    if (children.distributed) {
      runner.emit(frame, "MapRunSucceeded", StateRunner.details(state, null, null));
    }
    if (state instanceof MapState map && map.resultWriter().isPresent()) {
      try {
        writeResults(frame, map, results, children.run);
      } catch (StateFailure failure) {
        runner.failures().evaluationFailed(frame, state, failure);
        runner.failures().handle(frame, state, failure, true);
        runner.later(() -> runner.step(frame));
      }
      return;
    }
    completeChildren(frame, state, results);
  }

  /** Asks the runtime to write a Map's results where its {@code ResultWriter} says. */
  void writeResults(Frame frame, MapState map, JsonNode results, MapRunState run) {
    JsonNode writer = map.resultWriter().orElseThrow();
    ObjectNode request = writer.deepCopy();
    if (StateRunner.isJsonata(map) && writer.has("Arguments")) {
      request.set("Arguments", runner.jsonata().field(frame, writer.get("Arguments"), "Arguments"));
    } else if (writer.has("Parameters")) {
      PathScope scope = runner.scope(frame, frame.input);
      request.set(
          "Parameters", Payloads.template(writer.get("Parameters"), scope, execution.random));
    }
    request.set("Results", results);
    if (run != null) {
      request.put("MapRunArn", run.arn);
    }
    String token = execution.newTaskToken(frame);
    execution.effects.add(
        new Effect.ScheduleTask(
            token,
            writer.path("Resource").asText(),
            request,
            execution.idempotencyKey(frame, "/ResultWriter")));
    frame.taskToken = token;
    frame.writingResults = true;
    frame.waiting = Frame.Waiting.TASK;
  }

  /** The runtime wrote a Map's results (or failed to): the Map ends with the writer's answer. */
  void resultsWritten(Frame frame, Optional<JsonNode> written, String problem) {
    MapState map = (MapState) execution.stateOf(frame);
    frame.writingResults = false;
    runner.tasks().clear(frame);
    runner.later(
        () -> {
          if (written.isEmpty()) {
            runner
                .failures()
                .handle(
                    frame, map, new StateFailure(StatesErrors.RESULT_WRITER_FAILED, problem), true);
            runner.step(frame);
          } else {
            completeChildren(frame, map, written.get());
          }
        });
    runner.runAll();
  }

  /** The result of a Parallel or Map state goes through its output processing. */
  void completeChildren(Frame frame, State state, JsonNode results) {
    if (state instanceof MapState) {
      runner.emit(frame, "MapStateSucceeded", StateRunner.details(state, null, null));
    }
    try {
      if (StateRunner.isJsonata(state)) {
        runner.finishState(frame, state, runner.jsonata().resultOutput(frame, state, results));
      } else {
        PathScope scope = runner.scope(frame, frame.input);
        JsonNode result =
            state
                .io()
                .resultSelector()
                .map(s -> Payloads.template(s, scope.withData(results), execution.random))
                .orElse(results);
        runner.jsonPath().assign(frame, state.io(), scope.withData(result));
        runner.exit(
            frame, state, Payloads.merge(state.io().resultPath(), frame.input, result), scope);
      }
    } catch (StateFailure failure) {
      runner.failures().evaluationFailed(frame, state, failure);
      runner.failures().handle(frame, state, failure, true);
    }
    runner.later(() -> runner.step(frame));
  }

  void close(Frame frame, Children children) {
    children.closed = true;
    endRun(children);
    children.started.stream().filter(c -> !c.done).forEach(this::cancel);
    execution.timers.values().removeIf(f -> f.cancelled);
    frame.children = null;
    frame.spent = children;
    frame.waiting = Frame.Waiting.NOTHING;
  }

  /** A Map Run whose Map state closed its iterations has ended; its record shows it. */
  private void endRun(Children children) {
    if (children.run != null && children.run.stopTime == null) {
      children.run.stopTime = execution.now;
      execution.mapRunChanged(children);
    }
  }

  /** Cancels a frame that is still running, and everything it runs: tasks, branches, iterations. */
  private void cancel(Frame frame) {
    frame.cancelled = true;
    if (frame.taskToken != null) {
      execution.effects.add(execution.cancellation(frame));
      runner.tasks().clear(frame);
    }
    if (frame.children != null) {
      frame.children.closed = true;
      endRun(frame.children);
      frame.children.started.stream().filter(c -> !c.done).forEach(this::cancel);
    }
  }

  /**
   * Runs a frame again from the state where it stopped without success. A Parallel or Map state
   * whose branches or iterations ran keeps those that succeeded and redrives the others, each from
   * where it stopped; iterations that never started start as they would have.
   */
  void redrive(Frame frame) {
    if (frame.childArn != null) {
      // An iteration that ran as a child execution runs as a new one.
      Frame parent = frame.parent.orElseThrow();
      frame.reopen(true);
      startChildExecution(parent, parent.children, frame);
      return;
    }
    Children kept = frame.children != null ? frame.children : frame.spent;
    State state = execution.stateOf(frame);
    boolean branching = state instanceof ParallelState || state instanceof MapState;
    if (kept == null || !branching || !frame.entered) {
      frame.reopen(true);
      runner.later(() -> runner.step(frame));
      return;
    }
    frame.reopen(false);
    kept.reopen();
    if (kept.run != null) {
      kept.run.outcome = null;
      kept.run.stopTime = null;
      execution.mapRunChanged(kept);
    }
    frame.children = kept;
    frame.waiting = Frame.Waiting.CHILDREN;
    for (Frame child : kept.started) {
      if (!child.done || child.failed) {
        redrive(child);
      }
    }
    if (kept.map) {
      startMore(frame, machines(state));
    }
    if (kept.allDone()) {
      runner.later(() -> finishChildren(frame));
    }
  }

  ObjectNode iteration(Frame frame, Frame child) {
    ObjectNode details = NODES.objectNode();
    details.put("index", child.index);
    details.put("name", frame.state);
    return details;
  }
}
