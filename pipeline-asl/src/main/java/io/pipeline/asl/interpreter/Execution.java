package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One execution of a state machine, driven by commands. Handling a command runs every state that
 * needs nothing from outside, and stops where the execution must wait (a timer, a task); it returns
 * the history events that happened and the effects the runtime must carry out. The engine reads no
 * clock and no global randomness: time comes with each command, randomness from a seed, so handling
 * the same commands again gives the same events.
 */
public final class Execution {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final StateMachine machine;
  final SeededRandom random;
  final Map<String, Frame> timers = new HashMap<>();
  final Map<String, Frame> tasks = new HashMap<>();
  final List<HistoryEvent> events = new ArrayList<>();
  final List<Effect> effects = new ArrayList<>();

  ExecutionStatus status = ExecutionStatus.NOT_STARTED;
  ExecutionIdentity identity;
  JsonNode executionInput;
  Instant startTime;
  Instant now;
  long lastEventId;
  int timerSequence;
  int taskSequence;
  String executionTimeoutTimer;

  /** Frames that go on at the next command, after this one ran its budget of states. */
  final java.util.List<Frame> deferred = new ArrayList<>();

  /** The one timer, due at once, that brings the deferred frames back. */
  String continueTimer;

  Frame root;
  JsonNode output;
  String error;
  String cause;

  private Execution(StateMachine machine, long seed) {
    this.machine = machine;
    this.random = new SeededRandom(seed);
  }

  /**
   * A new execution, not started yet.
   *
   * @param machine what it runs
   * @param seed the seed of its randomness ({@code States.UUID}, jitter...)
   */
  public static Execution of(StateMachine machine, long seed) {
    return new Execution(machine, seed);
  }

  /**
   * Handles a command.
   *
   * @throws IllegalStateException when the command does not fit the execution's status (a start of
   *     a started execution, a timer it did not arm)
   */
  public Step handle(Command command) {
    events.clear();
    effects.clear();
    now = command.time();
    if (command instanceof Command.StartExecution start) {
      start(start);
    } else if (command instanceof Command.FireTimer fire) {
      fire(fire);
    } else if (command instanceof Command.CompleteTask complete) {
      new StateRunner(this).completeTask(task(complete.token()), complete.output());
    } else if (command instanceof Command.FailTask fail) {
      new StateRunner(this).failTask(task(fail.token()), fail.error(), fail.cause());
    } else if (command instanceof Command.HeartbeatTask heartbeat) {
      new StateRunner(this).heartbeat(task(heartbeat.token()));
    }
    return new Step(events, effects);
  }

  private void start(Command.StartExecution start) {
    if (status != ExecutionStatus.NOT_STARTED) {
      throw new IllegalStateException("the execution has started already");
    }
    status = ExecutionStatus.RUNNING;
    identity = start.identity();
    executionInput = start.input();
    startTime = start.time();
    ObjectNode details = NODES.objectNode();
    details.set("input", start.input());
    emit("ExecutionStarted", details);
    root = new Frame(machine, Optional.empty(), 0, start.input(), Map.of(), false);
    machine
        .timeoutSeconds()
        .ifPresent(seconds -> executionTimeoutTimer = armTimer(root, now.plusSeconds(seconds)));
    new StateRunner(this).drive(root);
  }

  private void fire(Command.FireTimer fire) {
    if (fire.timerId().equals(executionTimeoutTimer) && status == ExecutionStatus.RUNNING) {
      timeOut();
      return;
    }
    if (fire.timerId().equals(continueTimer) && status == ExecutionStatus.RUNNING) {
      continueTimer = null;
      timers.remove(fire.timerId());
      java.util.List<Frame> resumed = new ArrayList<>(deferred);
      deferred.clear();
      new StateRunner(this).resumeAll(resumed);
      return;
    }
    Frame frame = timers.remove(fire.timerId());
    if (frame == null || status != ExecutionStatus.RUNNING) {
      // A timer that was cancelled (a heartbeat renewed, a task done) or outlived the execution:
      // delivering it again or late changes nothing.
      return;
    }
    new StateRunner(this).resume(frame, fire.timerId());
  }

  private Frame task(String token) {
    Frame frame = tasks.get(token);
    if (frame == null || status != ExecutionStatus.RUNNING) {
      throw new IllegalStateException("no task with token '" + token + "' is running");
    }
    return frame;
  }

  /** A token for a task the frame schedules: unique and the same on replay. */
  String newTaskToken(Frame frame) {
    String token = identity.executionArn() + "/task-" + ++taskSequence;
    tasks.put(token, frame);
    return token;
  }

  private void timeOut() {
    status = ExecutionStatus.TIMED_OUT;
    error = io.pipeline.asl.error.StatesErrors.TIMEOUT;
    cause = "The execution exceeded its TimeoutSeconds.";
    ObjectNode details = NODES.objectNode();
    details.put("error", error);
    details.put("cause", cause);
    emit("ExecutionTimedOut", details);
    timers.clear();
    cancelTasks();
  }

  /** Called when the root frame is done. */
  void finish(Frame frame) {
    if (frame.failed()) {
      status = ExecutionStatus.FAILED;
      error = frame.error;
      cause = frame.cause;
      ObjectNode details = NODES.objectNode();
      if (frame.error != null && !frame.error.isEmpty()) {
        details.put("error", frame.error);
      }
      if (frame.cause != null && !frame.cause.isEmpty()) {
        details.put("cause", frame.cause);
      }
      emit("ExecutionFailed", details);
    } else {
      status = ExecutionStatus.SUCCEEDED;
      output = frame.output;
      ObjectNode details = NODES.objectNode();
      details.set("output", frame.output);
      emit("ExecutionSucceeded", details);
    }
    timers.clear();
    cancelTasks();
    executionTimeoutTimer = null;
  }

  private void cancelTasks() {
    tasks.keySet().forEach(token -> effects.add(new Effect.CancelTask(token)));
    tasks.clear();
  }

  long emit(String type, JsonNode details) {
    lastEventId++;
    events.add(new HistoryEvent(lastEventId, lastEventId - 1, type, now, details));
    return lastEventId;
  }

  /** Continues a frame at the next command, through one timer due at once shared by all. */
  void defer(Frame frame) {
    deferred.add(frame);
    if (continueTimer == null) {
      continueTimer = armTimer(root, now);
    }
  }

  String armTimer(Frame frame, Instant dueAt) {
    String id = "timer-" + ++timerSequence;
    timers.put(id, frame);
    effects.add(new Effect.ArmTimer(id, dueAt));
    return id;
  }

  /**
   * The context object a state of this frame sees, built once per state entered. Callers that add
   * to it (the Map item) work on a copy.
   */
  ObjectNode contextObject(Frame frame) {
    if (frame.contextObject != null && frame.entered) {
      return frame.contextObject;
    }
    ObjectNode context = NODES.objectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", identity.executionArn());
    execution.set("Input", executionInput);
    execution.put("StartTime", startTime.toString());
    execution.put("Name", identity.executionName());
    execution.put("RoleArn", identity.roleArn());
    if (!identity.synchronous()) {
      execution.put("RedriveCount", 0);
    }
    ObjectNode stateMachine = context.putObject("StateMachine");
    stateMachine.put("Id", identity.stateMachineArn());
    stateMachine.put("Name", identity.stateMachineName());
    ObjectNode state = context.putObject("State");
    state.put("Name", frame.state);
    state.put("EnteredTime", (frame.enteredTime == null ? now : frame.enteredTime).toString());
    if (frame.entered) {
      frame.contextObject = context;
    }
    return context;
  }

  /** The state a frame is in. */
  State stateOf(Frame frame) {
    return frame.machine.state(frame.state);
  }

  /** Fails a state with a runtime error that names it, as AWS words it. */
  StateFailure located(Frame frame, StateFailure failure) {
    return failure.withCausePrefix(
        "An error occurred while executing the state '"
            + frame.state
            + "' (entered at the event id #"
            + frame.enteredEventId
            + "). ");
  }

  public ExecutionStatus status() {
    return status;
  }

  /** The output of a succeeded execution. */
  public Optional<JsonNode> output() {
    return Optional.ofNullable(output);
  }

  /** The error of a failed execution. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The cause of a failed execution. */
  public Optional<String> cause() {
    return Optional.ofNullable(cause);
  }
}
