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
    runner.emit(frame, "ParallelStateStarted", parallel, null, null);
    List<JsonNode> inputs = new ArrayList<>();
    parallel.branches().forEach(b -> inputs.add(effective));
    Children children = new Children(false, false, effective, inputs, 0, Tolerance.none());
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
      if (children.map && !children.distributed) {
        ObjectNode details = NODES.objectNode();
        details.put("index", index);
        details.put("name", frame.state);
        runner.emit(frame, "MapIterationStarted", details);
      }
      // The child's first event follows its iteration's start, or its Parallel state's.
      child.lastEventId = frame.lastEventId;
      runner.later(() -> runner.step(child));
    }
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
    boolean failed = children.map ? children.toleranceExceeded() : child.failed();
    if (failed) {
      close(frame, children);
      boolean tolerated = children.tolerance.set;
      failState(
          frame,
          children.distributed,
          tolerated ? StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD : child.error,
          tolerated ? Tolerance.CAUSE : child.cause);
      return;
    }
    if (children.map) {
      startMore(frame, machines(state));
    }
    if (children.allDone()) {
      finishChildren(frame);
    }
  }

  /**
   * A branch failed, or a Map's iterations failed more than it tolerates: the state fails with that
   * error, for Retry and Catch.
   *
   * @param mapRun whether a Map Run ends with it ({@code MapRunFailed})
   */
  void failState(Frame frame, boolean mapRun, String error, String cause) {
    State state = execution.stateOf(frame);
    if (mapRun) {
      runner.emit(frame, "MapRunFailed", state, null, null);
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
    close(frame, children);
    ArrayNode results = NODES.arrayNode();
    for (JsonNode result : children.results) {
      results.add(result == null ? NODES.nullNode() : result);
    }
    if (children.distributed) {
      runner.emit(frame, "MapRunSucceeded", state, null, null);
    }
    if (state instanceof MapState map && map.resultWriter().isPresent()) {
      try {
        writeResults(frame, map, results);
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
  void writeResults(Frame frame, MapState map, JsonNode results) {
    writeResults(frame, map, results, null);
  }

  /**
   * Asks the runtime to write a Map's results; a Map Run's results come with its ARN and each
   * child's execution, input, status, error and cause.
   *
   * @param collected what the runtime handed back of a Map Run, or null
   */
  void writeResults(Frame frame, MapState map, JsonNode results, JsonNode collected) {
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
    if (collected != null) {
      request.put("MapRunArn", frame.run.arn);
      request.set("Executions", collected.path("Executions"));
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
      runner.emit(frame, "MapStateSucceeded", state, null, null);
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
    children.started.stream().filter(c -> !c.done).forEach(this::cancel);
    execution.timers.values().removeIf(f -> f.cancelled);
    frame.children = null;
    frame.spent = children;
    frame.waiting = Frame.Waiting.NOTHING;
  }

  /** Cancels a frame that is still running, and everything it runs: tasks, branches, iterations. */
  private void cancel(Frame frame) {
    frame.cancelled = true;
    if (frame.run != null) {
      runner.remoteRuns().close(frame.run);
    }
    if (frame.taskToken != null) {
      execution.effects.add(new Effect.CancelTask(frame.taskToken));
      runner.tasks().clear(frame);
    }
    if (frame.children != null) {
      frame.children.closed = true;
      frame.children.started.stream().filter(c -> !c.done).forEach(this::cancel);
    }
  }

  /**
   * Runs a frame again from the state where it stopped without success. A Parallel or Map state
   * whose branches or iterations ran keeps those that succeeded and redrives the others, each from
   * where it stopped; iterations that never started start as they would have.
   */
  void redrive(Frame frame) {
    if (frame.run != null && frame.entered && execution.stateOf(frame) instanceof MapState) {
      runner.remoteRuns().redrive(frame);
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
