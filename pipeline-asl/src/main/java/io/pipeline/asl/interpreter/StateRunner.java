package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.choice.ChoiceRules;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.model.Catcher;
import io.pipeline.asl.model.ChoiceState;
import io.pipeline.asl.model.FailState;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.PassState;
import io.pipeline.asl.model.QueryLanguage;
import io.pipeline.asl.model.Retrier;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateIo;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.model.SucceedState;
import io.pipeline.asl.model.TaskState;
import io.pipeline.asl.model.WaitState;
import io.pipeline.asl.path.PathScope;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
  private final JsonataStates jsonata;
  private final Tasks tasks;
  private final Deque<Runnable> work = new ArrayDeque<>();
  private int statesRun;

  StateRunner(Execution execution) {
    this.execution = execution;
    this.jsonata = new JsonataStates(execution);
    this.tasks = new Tasks(execution, this, jsonata);
  }

  void drive(Frame frame) {
    work.add(() -> step(frame));
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
      resultsWritten(frame, Optional.of(result), null);
      return;
    }
    TaskState task = (TaskState) execution.stateOf(frame);
    tasks.clear(frame);
    emit(frame, "TaskSucceeded", details(task, "output", result));
    work.add(
        () -> {
          try {
            if (isJsonata(task)) {
              finishState(frame, task, jsonata.resultOutput(frame, task, result));
            } else {
              PathScope scope = scope(frame, frame.input);
              JsonNode selected =
                  task.io()
                      .resultSelector()
                      .map(s -> Payloads.template(s, scope.withData(result), execution.random))
                      .orElse(result);
              assign(frame, task.io(), scope.withData(selected));
              exit(
                  frame,
                  task,
                  Payloads.merge(task.io().resultPath(), frame.input, selected),
                  scope);
            }
          } catch (StateFailure failure) {
            evaluationFailed(frame, task, failure);
            handleFailure(frame, task, failure, true);
          }
          step(frame);
        });
    runAll();
  }

  /** A scheduled task failed: Retry and Catch decide what follows. */
  void failTask(Frame frame, String error, String cause) {
    if (frame.readingItems) {
      itemsRead(
          frame,
          Optional.empty(),
          (error == null ? "" : error + ": ") + (cause == null ? "" : cause));
      return;
    }
    TaskState task = (TaskState) execution.stateOf(frame);
    tasks.clear(frame);
    ObjectNode details = details(task, null, null);
    details.put("error", error == null ? "" : error);
    details.put("cause", cause == null ? "" : cause);
    emit(frame, "TaskFailed", details);
    work.add(
        () -> {
          handleFailure(
              frame,
              task,
              new StateFailure(error == null ? "" : error, cause == null ? "" : cause),
              false);
          step(frame);
        });
    runAll();
  }

  void heartbeat(Frame frame) {
    tasks.heartbeat(frame);
  }

  /** The runtime read a Map state's items (or failed to): the Map starts, or fails. */
  private void itemsRead(Frame frame, Optional<JsonNode> items, String problem) {
    MapState map = (MapState) execution.stateOf(frame);
    frame.readingItems = false;
    tasks.clear(frame);
    work.add(
        () -> {
          try {
            if (items.isEmpty()) {
              throw new StateFailure(StatesErrors.ITEM_READER_FAILED, problem);
            }
            new MapStarter(execution, this, jsonata)
                .start(frame, map, scope(frame, frame.input), items);
          } catch (StateFailure failure) {
            evaluationFailed(frame, map, failure);
            handleFailure(frame, map, failure, true);
          }
          step(frame);
        });
    runAll();
  }

  private void runAll() {
    while (!work.isEmpty() && execution.status == ExecutionStatus.RUNNING) {
      work.poll().run();
    }
  }

  private void step(Frame frame) {
    while (!frame.done && !frame.cancelled && frame.waiting == Frame.Waiting.NOTHING) {
      if (++statesRun > STATES_PER_COMMAND) {
        frame.waiting = Frame.Waiting.CONTINUE;
        execution.armTimer(frame, execution.now);
        return;
      }
      State state = execution.stateOf(frame);
      if (!frame.entered) {
        frame.entered = true;
        frame.enteredTime = execution.now;
        frame.enteredEventId =
            emit(frame, state.typeName() + "StateEntered", details(state, "input", frame.input));
      }
      try {
        execute(frame, state);
      } catch (StateFailure failure) {
        evaluationFailed(frame, state, failure);
        handleFailure(frame, state, failure, true);
      }
    }
    if (frame.done && !frame.reported && !frame.cancelled) {
      frame.reported = true;
      if (frame.parent.isEmpty()) {
        execution.finish(frame);
      } else {
        work.add(() -> childDone(frame.parent.get(), frame));
      }
    }
  }

  private void resumeAfterTimer(Frame frame, String timerId) {
    if (frame.cancelled) {
      return;
    }
    State state = execution.stateOf(frame);
    if (frame.waiting == Frame.Waiting.TASK) {
      boolean heartbeat = timerId.equals(frame.heartbeatTimer);
      String error = heartbeat ? StatesErrors.HEARTBEAT_TIMEOUT : StatesErrors.TIMEOUT;
      String token = frame.taskToken;
      tasks.clear(frame);
      execution.effects.add(new Effect.CancelTask(token));
      ObjectNode details = details(state, null, null);
      details.put("error", error);
      emit(frame, "TaskTimedOut", details);
      handleFailure(
          frame,
          state,
          new StateFailure(
              error, heartbeat ? "The task missed its heartbeat." : "The task timed out."),
          false);
    } else if (frame.waiting == Frame.Waiting.CONTINUE) {
      frame.waiting = Frame.Waiting.NOTHING;
    } else if (frame.waiting == Frame.Waiting.WAIT_STATE) {
      frame.waiting = Frame.Waiting.NOTHING;
      emit(frame, "WaitStateExited", details(state, "output", frame.pendingOutput));
      transition(frame, state, frame.pendingOutput);
    } else {
      frame.waiting = Frame.Waiting.NOTHING;
      try {
        execute(frame, state);
      } catch (StateFailure failure) {
        evaluationFailed(frame, state, failure);
        handleFailure(frame, state, failure, true);
      }
    }
    step(frame);
  }

  private void execute(Frame frame, State state) {
    if (state instanceof TaskState task) {
      tasks.schedule(frame, task, scope(frame, frame.input));
      return;
    }
    if (isJsonata(state)) {
      executeJsonata(frame, state);
      return;
    }
    PathScope scope = scope(frame, frame.input);
    if (state instanceof PassState pass) {
      pass(frame, pass, scope);
    } else if (state instanceof ChoiceState choice) {
      choice(frame, choice, scope);
    } else if (state instanceof SucceedState) {
      JsonNode output =
          Payloads.select(state.io().outputPath(), scope.withData(input(state, scope)));
      emit(frame, "SucceedStateExited", details(state, "output", output));
      frame.succeed(output);
    } else if (state instanceof FailState fail) {
      fail(frame, fail, scope);
    } else if (state instanceof WaitState wait) {
      JsonNode input = input(wait, scope);
      wait(
          frame,
          wait,
          WaitTimes.dueAt(wait, scope.withData(input), execution.now),
          Payloads.select(wait.io().outputPath(), scope.withData(input)));
    } else if (state instanceof ParallelState parallel) {
      JsonNode input = input(parallel, scope);
      parallel(
          frame,
          parallel,
          parallel
              .io()
              .parameters()
              .map(p -> Payloads.template(p, scope.withData(input), execution.random))
              .orElse(input));
    } else if (state instanceof MapState map) {
      new MapStarter(execution, this, jsonata).start(frame, map, scope);
    }
  }

  private void executeJsonata(Frame frame, State state) {
    if (state instanceof PassState pass) {
      finishState(frame, state, jsonata.passOutput(frame, pass));
    } else if (state instanceof ChoiceState choice) {
      Map.Entry<String, JsonNode> next = jsonata.choose(frame, choice);
      emit(frame, "ChoiceStateExited", details(choice, "output", next.getValue()));
      applyAssignments(frame);
      frame.moveTo(next.getKey(), next.getValue());
    } else if (state instanceof SucceedState) {
      JsonNode output = jsonata.plainOutput(frame, state);
      emit(frame, "SucceedStateExited", details(state, "output", output));
      applyAssignments(frame);
      frame.succeed(output);
    } else if (state instanceof FailState fail) {
      Map.Entry<Optional<String>, Optional<String>> failure = jsonata.failure(frame, fail);
      frame.fail(failure.getKey().orElse(null), failure.getValue().orElse(null));
    } else if (state instanceof WaitState wait) {
      Instant dueAt = jsonata.dueAt(frame, wait);
      wait(frame, wait, dueAt, jsonata.plainOutput(frame, wait));
    } else if (state instanceof ParallelState parallel) {
      parallel(frame, parallel, jsonata.arguments(frame, parallel));
    } else if (state instanceof MapState map) {
      new MapStarter(execution, this, jsonata).start(frame, map, scope(frame, frame.input));
    }
  }

  private static boolean isJsonata(State state) {
    return state.io().queryLanguage() == QueryLanguage.JSONATA;
  }

  private void pass(Frame frame, PassState pass, PathScope scope) {
    JsonNode input = input(pass, scope);
    JsonNode result =
        pass.io()
            .parameters()
            .map(p -> Payloads.template(p, scope.withData(input), execution.random))
            .or(() -> pass.result().map(JsonNode::deepCopy))
            .orElse(input);
    assign(frame, pass.io(), scope.withData(result));
    exit(frame, pass, Payloads.merge(pass.io().resultPath(), frame.input, result), scope);
  }

  private void choice(Frame frame, ChoiceState choice, PathScope scope) {
    JsonNode input = input(choice, scope);
    Optional<ChoiceState.Choice> matched =
        choice.choices().stream()
            .filter(
                c ->
                    c.rule().isPresent()
                        && ChoiceRules.evaluate(c.rule().get(), scope.withData(input)))
            .findFirst();
    String next =
        matched
            .map(ChoiceState.Choice::next)
            .or(choice::defaultState)
            .orElseThrow(() -> new StateFailure(StatesErrors.NO_CHOICE_MATCHED, "No Matches!"));
    matched
        .flatMap(ChoiceState.Choice::assign)
        .ifPresent(a -> assignValues(frame, a, scope.withData(input)));
    if (matched.isEmpty()) {
      assign(frame, choice.io(), scope.withData(input));
    }
    JsonNode output = Payloads.select(choice.io().outputPath(), scope.withData(input));
    emit(frame, "ChoiceStateExited", details(choice, "output", output));
    applyAssignments(frame);
    frame.moveTo(next, output);
  }

  private void fail(Frame frame, FailState fail, PathScope scope) {
    String error =
        fail.error()
            .map(JsonNode::asText)
            .or(
                () ->
                    fail.errorPath()
                        .map(
                            p ->
                                text(Payloads.expression(p, "ErrorPath", scope, execution.random))))
            .orElse(null);
    String cause =
        fail.cause()
            .map(JsonNode::asText)
            .or(
                () ->
                    fail.causePath()
                        .map(
                            p ->
                                text(Payloads.expression(p, "CausePath", scope, execution.random))))
            .orElse(null);
    frame.fail(error, cause);
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }

  private void wait(Frame frame, WaitState wait, Instant dueAt, JsonNode output) {
    if (!dueAt.isAfter(execution.now)) {
      emit(frame, "WaitStateExited", details(wait, "output", output));
      transition(frame, wait, output);
      return;
    }
    frame.pendingOutput = output;
    frame.waiting = Frame.Waiting.WAIT_STATE;
    execution.armTimer(frame, dueAt);
  }

  private void parallel(Frame frame, ParallelState parallel, JsonNode effective) {
    emit(frame, "ParallelStateStarted", details(parallel, null, null));
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
      work.add(() -> finishChildren(frame));
      return;
    }
    startMore(frame, machines);
  }

  private void startMore(Frame frame, List<StateMachine> machines) {
    Children children = frame.children;
    while (children.canStartMore()) {
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
        emit(frame, "MapIterationStarted", details);
      }
      work.add(() -> step(child));
    }
  }

  private void childDone(Frame frame, Frame child) {
    Children children = frame.children;
    if (children == null || children.closed || !children.started.contains(child)) {
      return;
    }
    State state = execution.stateOf(frame);
    children.completed++;
    if (child.failed()) {
      children.failures++;
      if (children.map && !children.distributed) {
        emit(frame, "MapIterationFailed", iteration(frame, child));
      }
    } else {
      children.results[child.index] = child.output;
      if (children.map && !children.distributed) {
        emit(frame, "MapIterationSucceeded", iteration(frame, child));
      }
    }
    boolean failed = children.map ? children.toleranceExceeded() : child.failed();
    if (failed) {
      close(frame, children);
      String error =
          children.toleranceSet ? StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD : child.error;
      String cause =
          children.toleranceSet
              ? "The specified tolerated failure threshold was exceeded"
              : child.cause;
      if (children.distributed) {
        emit(frame, "MapRunFailed", details(state, null, null));
      }
      handleFailure(
          frame,
          state,
          new StateFailure(error == null ? "" : error, cause == null ? "" : cause),
          false);
      work.add(() -> step(frame));
      return;
    }
    if (children.map) {
      startMore(frame, List.of(((MapState) state).processor()));
    }
    if (children.allDone()) {
      finishChildren(frame);
    }
  }

  private void finishChildren(Frame frame) {
    Children children = frame.children;
    State state = execution.stateOf(frame);
    close(frame, children);
    ArrayNode results = NODES.arrayNode();
    for (JsonNode result : children.results) {
      results.add(result == null ? NODES.nullNode() : result);
    }
    if (children.distributed) {
      emit(frame, "MapRunSucceeded", details(state, null, null));
    }
    if (state instanceof MapState map && map.json().has("ResultWriter")) {
      try {
        writeResults(frame, map, results);
      } catch (StateFailure failure) {
        evaluationFailed(frame, state, failure);
        handleFailure(frame, state, failure, true);
        work.add(() -> step(frame));
      }
      return;
    }
    completeChildren(frame, state, results);
  }

  /** Asks the runtime to write a Map's results where its {@code ResultWriter} says. */
  private void writeResults(Frame frame, MapState map, JsonNode results) {
    JsonNode writer = map.json().get("ResultWriter");
    ObjectNode request = writer.deepCopy();
    if (isJsonata(map) && writer.has("Arguments")) {
      request.set("Arguments", jsonata.field(frame, writer.get("Arguments"), "Arguments"));
    } else if (writer.has("Parameters")) {
      PathScope scope = scope(frame, frame.input);
      request.set(
          "Parameters", Payloads.template(writer.get("Parameters"), scope, execution.random));
    }
    request.set("Results", results);
    String token = execution.newTaskToken(frame);
    execution.effects.add(
        new Effect.ScheduleTask(token, writer.path("Resource").asText(), request));
    frame.taskToken = token;
    frame.writingResults = true;
    frame.waiting = Frame.Waiting.TASK;
  }

  /** The runtime wrote a Map's results (or failed to): the Map ends with the writer's answer. */
  private void resultsWritten(Frame frame, Optional<JsonNode> written, String problem) {
    MapState map = (MapState) execution.stateOf(frame);
    frame.writingResults = false;
    tasks.clear(frame);
    work.add(
        () -> {
          if (written.isEmpty()) {
            handleFailure(
                frame, map, new StateFailure(StatesErrors.RESULT_WRITER_FAILED, problem), true);
            step(frame);
          } else {
            completeChildren(frame, map, written.get());
          }
        });
    runAll();
  }

  /** The result of a Parallel or Map state goes through its output processing. */
  private void completeChildren(Frame frame, State state, JsonNode results) {
    if (state instanceof MapState) {
      emit(frame, "MapStateSucceeded", details(state, null, null));
    }
    try {
      if (isJsonata(state)) {
        finishState(frame, state, jsonata.resultOutput(frame, state, results));
      } else {
        PathScope scope = scope(frame, frame.input);
        JsonNode result =
            state
                .io()
                .resultSelector()
                .map(s -> Payloads.template(s, scope.withData(results), execution.random))
                .orElse(results);
        assign(frame, state.io(), scope.withData(result));
        exit(frame, state, Payloads.merge(state.io().resultPath(), frame.input, result), scope);
      }
    } catch (StateFailure failure) {
      evaluationFailed(frame, state, failure);
      handleFailure(frame, state, failure, true);
    }
    work.add(() -> step(frame));
  }

  private void close(Frame frame, Children children) {
    children.closed = true;
    children.started.forEach(c -> c.cancelled = !c.done);
    for (Frame child : children.started) {
      if (child.cancelled && child.taskToken != null) {
        execution.effects.add(new Effect.CancelTask(child.taskToken));
        tasks.clear(child);
      }
    }
    execution.timers.values().removeIf(f -> f.cancelled);
    frame.children = null;
    frame.waiting = Frame.Waiting.NOTHING;
  }

  private ObjectNode iteration(Frame frame, Frame child) {
    ObjectNode details = NODES.objectNode();
    details.put("index", child.index);
    details.put("name", frame.state);
    return details;
  }

  /** OutputPath, the size limit, the Exited event and the transition. */
  private void exit(Frame frame, State state, JsonNode merged, PathScope scope) {
    finishState(frame, state, Payloads.select(state.io().outputPath(), scope.withData(merged)));
  }

  /** The size limit, the Exited event and the transition. */
  private void finishState(Frame frame, State state, JsonNode output) {
    if (PayloadSize.exceeds(output, MAX_PAYLOAD_BYTES)) {
      throw new StateFailure(
          StatesErrors.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + state.name()
              + "' returned a result with a size exceeding the maximum number of bytes service"
              + " limit.");
    }
    emit(frame, state.typeName() + "StateExited", details(state, "output", output));
    transition(frame, state, output);
  }

  private void transition(Frame frame, State state, JsonNode output) {
    applyAssignments(frame);
    if (state.io().transition().isEnd()) {
      frame.succeed(output);
    } else {
      frame.moveTo(state.io().transition().next().orElseThrow(), output);
    }
  }

  /**
   * Retries, catches or fails. Runtime errors raised by evaluation get AWS's prefix naming the
   * state; errors that come from a Fail state or a child pass as they are.
   */
  void handleFailure(Frame frame, State state, StateFailure failure, boolean raisedHere) {
    StateFailure located =
        raisedHere && isEvaluationError(failure.error())
            ? execution.located(frame, failure)
            : failure;
    List<Retrier> retry = state.io().retry();
    for (int i = 0; i < retry.size(); i++) {
      Retrier retrier = retry.get(i);
      if (matches(retrier.errorEquals(), located.error())) {
        int attempts = frame.retries.getOrDefault(i, 0);
        if (attempts < retrier.maxAttempts()) {
          frame.retries.put(i, attempts + 1);
          frame.waiting = Frame.Waiting.RETRY;
          execution.armTimer(frame, execution.now.plusMillis(backoffMillis(retrier, attempts)));
          return;
        }
        break;
      }
    }
    if (!raisedHere && (state instanceof ParallelState || state instanceof MapState)) {
      emit(frame, state.typeName() + "StateFailed", details(state, null, null));
    }
    for (Catcher catcher : state.io().catchers()) {
      if (matches(catcher.errorEquals(), located.error())) {
        ObjectNode errorOutput = NODES.objectNode();
        errorOutput.put("Error", located.error());
        errorOutput.put("Cause", located.cause());
        JsonNode output =
            isJsonata(state)
                ? jsonata.caughtOutput(frame, catcher.output(), catcher.assign(), errorOutput)
                : Payloads.merge(catcher.resultPath(), frame.input, errorOutput);
        emit(frame, state.typeName() + "StateExited", details(state, "output", output));
        applyAssignments(frame);
        frame.moveTo(catcher.next(), output);
        return;
      }
    }
    frame.fail(located.error(), located.cause());
  }

  /** A JSONata expression failed: AWS records it before the state's failure. */
  private void evaluationFailed(Frame frame, State state, StateFailure failure) {
    if (StatesErrors.QUERY_EVALUATION_ERROR.equals(failure.error())) {
      emit(frame, "EvaluationFailed", details(state, null, null));
      if (state instanceof MapState || state instanceof ParallelState) {
        emit(frame, state.typeName() + "StateFailed", details(state, null, null));
      }
    }
  }

  private static boolean isEvaluationError(String error) {
    return StatesErrors.RUNTIME.equals(error) || StatesErrors.QUERY_EVALUATION_ERROR.equals(error);
  }

  private static boolean matches(List<String> errorEquals, String error) {
    return errorEquals.contains(error)
        || (errorEquals.contains(StatesErrors.ALL)
            && !StatesErrors.NOT_MATCHED_BY_ALL.contains(error))
        // States.TaskFailed stands for any error a task reports itself, not for timeouts.
        || (errorEquals.contains(StatesErrors.TASK_FAILED)
            && !error.startsWith("States.")
            && !error.isEmpty());
  }

  private long backoffMillis(Retrier retrier, int attempts) {
    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempts);
    if (retrier.maxDelaySeconds().isPresent()) {
      seconds = Math.min(seconds, retrier.maxDelaySeconds().get());
    }
    if (retrier.jitter() == Retrier.Jitter.FULL) {
      seconds = execution.random.nextDouble() * seconds;
    }
    return Math.round(seconds * 1000);
  }

  private void assign(Frame frame, StateIo io, PathScope scope) {
    io.assign().ifPresent(a -> assignValues(frame, a, scope));
  }

  /**
   * Evaluates {@code Assign} now, against the values before the state, and keeps the result until
   * the state is left: the state's own output paths still read the old values.
   */
  private void assignValues(Frame frame, JsonNode assign, PathScope scope) {
    JsonNode values = Payloads.template(assign, scope, execution.random);
    Map<String, JsonNode> assigned = new HashMap<>();
    values.fields().forEachRemaining(e -> assigned.put(e.getKey(), e.getValue()));
    frame.pendingAssignments = assigned;
  }

  private static void applyAssignments(Frame frame) {
    frame.variables.putAll(frame.pendingAssignments);
    frame.pendingAssignments = Map.of();
  }

  private JsonNode input(State state, PathScope scope) {
    return Payloads.select(state.io().inputPath(), scope);
  }

  PathScope scope(Frame frame, JsonNode data) {
    return new PathScope(data, execution.contextObject(frame), frame.variables);
  }

  /**
   * Emits a state event, unless the frame runs in a distributed Map, whose runs AWS records apart.
   */
  long emit(Frame frame, String type, JsonNode details) {
    return frame.silent ? execution.lastEventId : execution.emit(type, details);
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
