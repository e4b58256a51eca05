package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.model.ChoiceState;
import io.pipeline.asl.model.FailState;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.PassState;
import io.pipeline.asl.model.QueryLanguage;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.model.SucceedState;
import io.pipeline.asl.model.TaskState;
import io.pipeline.asl.model.WaitState;
import io.pipeline.asl.path.PathScope;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the states of an execution's frames until each is done or waits. Work is queued rather than
 * recursed, so a Map of thousands of items does not deepen the stack.
 */
final class StateRunner {

  /** The largest state output AWS accepts, in bytes. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * States run for one command at most; past it the frame continues on a timer due at once, so one
   * command's work (and, in the Kafka runtime, one transaction) stays bounded.
   */
  static final int STATES_PER_COMMAND = 1_000;

  private final Execution execution;
  // The helpers each command may need, made when first asked for: most commands use few of them.
  private JsonataStates jsonata;
  private Tasks tasks;
  private ChildRuns childRuns;
  private RemoteRuns remoteRuns;
  private Failures failures;
  private JsonPathStates jsonPath;
  private final Deque<Runnable> work = new ArrayDeque<>();
  private int statesRun;

  StateRunner(Execution execution) {
    this.execution = execution;
  }

  JsonataStates jsonata() {
    return jsonata != null ? jsonata : (jsonata = new JsonataStates(execution));
  }

  Tasks tasks() {
    return tasks != null ? tasks : (tasks = new Tasks(execution, this, jsonata()));
  }

  ChildRuns childRuns() {
    return childRuns != null ? childRuns : (childRuns = new ChildRuns(execution, this));
  }

  RemoteRuns remoteRuns() {
    return remoteRuns != null ? remoteRuns : (remoteRuns = new RemoteRuns(execution, this));
  }

  Failures failures() {
    return failures != null ? failures : (failures = new Failures(execution, this));
  }

  JsonPathStates jsonPath() {
    return jsonPath != null ? jsonPath : (jsonPath = new JsonPathStates(execution, this));
  }

  /** Whether this command has run as many states as one command may. */
  boolean overBudget() {
    return statesRun >= STATES_PER_COMMAND;
  }

  /** Counts a started branch or iteration against this command's budget. */
  void spend() {
    statesRun++;
  }

  /** Queues work to run after what is running now, in this command. */
  void later(Runnable runnable) {
    work.add(runnable);
  }

  /** Starts the branches or iterations of a Parallel or Map state. */
  void startChildren(Frame frame, Children children, List<StateMachine> machines) {
    childRuns().startChildren(frame, children, machines);
  }

  /** Redrives a frame that stopped without success: see {@link ChildRuns#redrive(Frame)}. */
  void redrive(Frame frame) {
    childRuns().redrive(frame);
    runAll();
  }

  void drive(Frame frame) {
    work.add(() -> step(frame));
    runAll();
  }

  /** Frames deferred by the budget go on, in the order they stopped. */
  void resumeAll(List<Frame> frames) {
    for (Frame frame : frames) {
      work.add(
          () -> {
            if (!frame.cancelled && frame.waiting == Frame.Waiting.CONTINUE) {
              frame.waiting = Frame.Waiting.NOTHING;
              step(frame);
            }
          });
    }
    runAll();
  }

  void resume(Frame frame, String timerId) {
    work.add(() -> resumeAfterTimer(frame, timerId));
    runAll();
  }

  /** A scheduled task succeeded: its result goes through the state's output processing. */
  void completeTask(Frame frame, JsonNode result) {
    if (frame.readingItems) {
      itemsRead(frame, Optional.of(result), null);
      return;
    }
    if (frame.writingResults) {
      childRuns().resultsWritten(frame, Optional.of(result), null);
      return;
    }
    if (frame.collectingResults) {
      remoteRuns().collected(frame, Optional.of(result), null);
      return;
    }
    TaskState task = (TaskState) execution.stateOf(frame);
    tasks().clear(frame);
    tasks().events().succeeded(frame, task, result);
    work.add(
        () -> {
          try {
            execution.inspector.result(result);
            if (isJsonata(task)) {
              finishState(frame, task, jsonata().resultOutput(frame, task, result));
            } else {
              PathScope scope = scope(frame, frame.input);
              JsonNode selected =
                  task.io()
                      .resultSelector()
                      .map(s -> Payloads.template(s, scope.withData(result), execution.random))
                      .orElse(result);
              execution.inspector.afterResultSelector(selected);
              jsonPath().assign(frame, task.io(), scope.withData(selected));
              exit(frame, task, jsonPath().merge(task, frame.input, selected), scope);
            }
          } catch (StateFailure failure) {
            failures().evaluationFailed(frame, task, failure);
            failures().handle(frame, task, failure, true);
          }
          step(frame);
        });
    runAll();
  }

  /** A scheduled task failed: Retry and Catch decide what follows. */
  void failTask(Frame frame, String error, String cause) {
    String problem = (error == null ? "" : error + ": ") + (cause == null ? "" : cause);
    if (frame.readingItems) {
      itemsRead(frame, Optional.empty(), problem);
      return;
    }
    if (frame.writingResults) {
      childRuns().resultsWritten(frame, Optional.empty(), problem);
      return;
    }
    if (frame.collectingResults) {
      remoteRuns().collected(frame, Optional.empty(), problem);
      return;
    }
    TaskState task = (TaskState) execution.stateOf(frame);
    tasks().clear(frame);
    tasks().events().failed(frame, task, error, cause);
    work.add(
        () -> {
          failures()
              .handle(
                  frame,
                  task,
                  new StateFailure(error == null ? "" : error, cause == null ? "" : cause),
                  false);
          step(frame);
        });
    runAll();
  }

  void heartbeat(Frame frame) {
    tasks().heartbeat(frame);
  }

  /** The runtime read a Map state's items (or failed to): the Map starts, or fails. */
  private void itemsRead(Frame frame, Optional<JsonNode> items, String problem) {
    MapState map = (MapState) execution.stateOf(frame);
    frame.readingItems = false;
    tasks().clear(frame);
    work.add(
        () -> {
          try {
            if (items.isEmpty()) {
              throw new StateFailure(StatesErrors.ITEM_READER_FAILED, problem);
            }
            new MapStarter(execution, this, jsonata())
                .start(frame, map, scope(frame, frame.input), items);
          } catch (StateFailure failure) {
            failures().evaluationFailed(frame, map, failure);
            failures().handle(frame, map, failure, true);
          }
          step(frame);
        });
    runAll();
  }

  void runAll() {
    while (!work.isEmpty() && execution.status == ExecutionStatus.RUNNING) {
      work.poll().run();
    }
  }

  void step(Frame frame) {
    while (execution.status == ExecutionStatus.RUNNING
        && !frame.done
        && !frame.cancelled
        && frame.waiting == Frame.Waiting.NOTHING) {
      if (execution.firstStateOnly
          && !frame.entered
          && frame.steps > 0
          && frame == execution.root) {
        // A state test stops where its next state would begin: the frame shows where it goes.
        return;
      }
      if (++statesRun > STATES_PER_COMMAND) {
        frame.waiting = Frame.Waiting.CONTINUE;
        execution.defer(frame);
        return;
      }
      State state = execution.stateOf(frame);
      if (!frame.entered) {
        frame.entered = true;
        frame.steps++;
        frame.enteredTime = execution.now;
        frame.enteredEventId = emitOfType(frame, state, "StateEntered", "input", frame.input);
      }
      executeHandlingFailures(frame, state);
    }
    if (frame.done && !frame.reported && !frame.cancelled) {
      frame.reported = true;
      if (frame.parent.isEmpty()) {
        execution.finish(frame);
      } else {
        work.add(() -> childRuns().childDone(frame.parent.get(), frame));
      }
    }
  }

  private void resumeAfterTimer(Frame frame, String timerId) {
    if (frame.cancelled) {
      return;
    }
    State state = execution.stateOf(frame);
    if (timerId.equals(frame.startMoreTimer)) {
      frame.startMoreTimer = null;
      if (frame.children != null && !frame.children.closed) {
        childRuns().startMore(frame, ChildRuns.machines(state));
      } else if (frame.run != null && !frame.run.closed) {
        remoteRuns().startMore(frame);
      }
      return;
    }
    if (frame.waiting == Frame.Waiting.TASK) {
      boolean heartbeat = timerId.equals(frame.heartbeatTimer);
      String error = heartbeat ? StatesErrors.HEARTBEAT_TIMEOUT : StatesErrors.TIMEOUT;
      String cause = heartbeat ? "The task missed its heartbeat." : "The task timed out.";
      String token = frame.taskToken;
      tasks().clear(frame);
      execution.effects.add(new Effect.CancelTask(token));
      // Only a Task state's work arms timeouts; a Map's item reader and result writer arm none.
      tasks().events().timedOut(frame, (TaskState) state, error, cause);
      failures().handle(frame, state, new StateFailure(error, cause), false);
    } else if (frame.waiting == Frame.Waiting.CONTINUE) {
      frame.waiting = Frame.Waiting.NOTHING;
    } else if (frame.waiting == Frame.Waiting.WAIT_STATE) {
      frame.waiting = Frame.Waiting.NOTHING;
      emit(frame, "WaitStateExited", state, "output", frame.pendingOutput);
      transition(frame, state, frame.pendingOutput);
    } else {
      frame.waiting = Frame.Waiting.NOTHING;
      executeHandlingFailures(frame, state);
    }
    step(frame);
  }

  /** Runs a state; a failure it raises goes to its error handling, as does an engine bug. */
  private void executeHandlingFailures(Frame frame, State state) {
    try {
      execute(frame, state);
    } catch (StateFailure failure) {
      failures().evaluationFailed(frame, state, failure);
      failures().handle(frame, state, failure, true);
    } catch (RuntimeException bug) {
      // A data case the engine does not handle yet must not leave the execution stuck.
      failures()
          .handle(
              frame,
              state,
              StateFailure.runtime("The engine could not run this state: " + bug),
              true);
    }
  }

  private void execute(Frame frame, State state) {
    if (state instanceof TaskState task) {
      tasks().schedule(frame, task, scope(frame, frame.input));
      return;
    }
    if (isJsonata(state)) {
      executeJsonata(frame, state);
      return;
    }
    PathScope scope = scope(frame, frame.input);
    if (state instanceof PassState pass) {
      jsonPath().pass(frame, pass, scope);
    } else if (state instanceof ChoiceState choice) {
      jsonPath().choice(frame, choice, scope);
    } else if (state instanceof SucceedState) {
      JsonNode output =
          Payloads.select(state.io().outputPath(), scope.withData(jsonPath().input(state, scope)));
      emit(frame, "SucceedStateExited", state, "output", output);
      frame.succeed(output);
    } else if (state instanceof FailState fail) {
      jsonPath().fail(frame, fail, scope);
    } else if (state instanceof WaitState wait) {
      JsonNode input = jsonPath().input(wait, scope);
      jsonPath().assign(frame, wait.io(), scope.withData(input));
      wait(
          frame,
          wait,
          WaitTimes.dueAt(wait, scope.withData(input), execution.now),
          Payloads.select(wait.io().outputPath(), scope.withData(input)));
    } else if (state instanceof ParallelState parallel) {
      JsonNode input = jsonPath().input(parallel, scope);
      childRuns().parallel(frame, parallel, jsonPath().parameters(parallel, scope.withData(input)));
    } else if (state instanceof MapState map) {
      new MapStarter(execution, this, jsonata()).start(frame, map, scope);
    }
  }

  private void executeJsonata(Frame frame, State state) {
    if (state instanceof PassState pass) {
      finishState(frame, state, jsonata().passOutput(frame, pass));
    } else if (state instanceof ChoiceState choice) {
      Map.Entry<String, JsonNode> next = jsonata().choose(frame, choice);
      emit(frame, "ChoiceStateExited", choice, "output", next.getValue());
      applyAssignments(frame);
      frame.moveTo(next.getKey(), next.getValue());
    } else if (state instanceof SucceedState) {
      JsonNode output = jsonata().plainOutput(frame, state);
      emit(frame, "SucceedStateExited", state, "output", output);
      applyAssignments(frame);
      frame.succeed(output);
    } else if (state instanceof FailState fail) {
      Map.Entry<Optional<String>, Optional<String>> failure = jsonata().failure(frame, fail);
      frame.fail(failure.getKey().orElse(null), failure.getValue().orElse(null));
    } else if (state instanceof WaitState wait) {
      Instant dueAt = jsonata().dueAt(frame, wait);
      wait(frame, wait, dueAt, jsonata().plainOutput(frame, wait));
    } else if (state instanceof ParallelState parallel) {
      childRuns().parallel(frame, parallel, jsonata().arguments(frame, parallel));
    } else if (state instanceof MapState map) {
      new MapStarter(execution, this, jsonata()).start(frame, map, scope(frame, frame.input));
    }
  }

  static boolean isJsonata(State state) {
    return state.io().queryLanguage() == QueryLanguage.JSONATA;
  }

  private void wait(Frame frame, WaitState wait, Instant dueAt, JsonNode output) {
    if (!dueAt.isAfter(execution.now)) {
      emit(frame, "WaitStateExited", wait, "output", output);
      transition(frame, wait, output);
      return;
    }
    frame.pendingOutput = output;
    frame.waiting = Frame.Waiting.WAIT_STATE;
    execution.armTimer(frame, dueAt);
  }

  /** OutputPath, the size limit, the Exited event and the transition. */
  void exit(Frame frame, State state, JsonNode merged, PathScope scope) {
    finishState(frame, state, Payloads.select(state.io().outputPath(), scope.withData(merged)));
  }

  /** The size limit, the Exited event and the transition. */
  void finishState(Frame frame, State state, JsonNode output) {
    if (PayloadSize.exceeds(output, MAX_PAYLOAD_BYTES)) {
      throw new StateFailure(
          StatesErrors.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + state.name()
              + "' returned a result with a size exceeding the maximum number of bytes service"
              + " limit.");
    }
    emitOfType(frame, state, "StateExited", "output", output);
    transition(frame, state, output);
  }

  void transition(Frame frame, State state, JsonNode output) {
    applyAssignments(frame);
    if (state.io().transition().isEnd()) {
      frame.succeed(output);
    } else {
      frame.moveTo(state.io().transition().next().orElseThrow(), output);
    }
  }

  static void applyAssignments(Frame frame) {
    frame.variables.putAll(frame.pendingAssignments);
    frame.pendingAssignments = Map.of();
  }

  PathScope scope(Frame frame, JsonNode data) {
    return PathScope.withContextFrom(data, () -> execution.contextObject(frame), frame.variables);
  }

  /**
   * Emits a state event, unless the frame runs in a distributed Map, whose runs AWS records apart.
   * Its previous event is the frame's last one, not the execution's: branches and iterations that
   * run side by side each keep their own chain.
   */
  long emit(Frame frame, String type, JsonNode details) {
    if (frame.silent) {
      return execution.lastEventId;
    }
    frame.lastEventId = execution.emit(type, details, frame.lastEventId);
    return frame.lastEventId;
  }

  /**
   * Emits a state event whose details are the state's name and, when {@code field} is given, that
   * field's value; the details are built only when the execution records its history.
   */
  long emit(Frame frame, String type, State state, String field, JsonNode value) {
    return emit(frame, type, execution.recordsHistory ? details(state, field, value) : null);
  }

  /**
   * Emits a state event named after the state's type, e.g. {@code PassStateEntered} for {@code
   * StateEntered}; its name and details are built only when the execution records its history.
   */
  long emitOfType(Frame frame, State state, String suffix, String field, JsonNode value) {
    return execution.recordsHistory
        ? emit(frame, state.typeName() + suffix, details(state, field, value))
        : emit(frame, suffix, null);
  }

  static ObjectNode details(State state, String field, JsonNode value) {
    ObjectNode details = NODES.objectNode();
    details.put("name", state.name());
    if (field != null) {
      details.set(field, value);
    }
    return details;
  }
}
