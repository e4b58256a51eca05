package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
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

  /**
   * The most events one execution's history holds, AWS's hard quota. An execution that would record
   * more fails instead: event number {@value} is either its {@code ExecutionSucceeded} or the
   * {@code ExecutionFailed} the limit causes, with {@link StatesErrors#RUNTIME} and {@link
   * #HISTORY_LIMIT_CAUSE}.
   */
  public static final int MAX_HISTORY_EVENTS = 25_000;

  /** The cause of an execution that reached {@link #MAX_HISTORY_EVENTS}, as AWS words it. */
  public static final String HISTORY_LIMIT_CAUSE =
      "The execution reached the maximum number of history events (" + MAX_HISTORY_EVENTS + ").";

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

  /** How many times it was redriven. */
  int redriveCount;

  /** Frames that go on at the next command, after this one ran its budget of states. */
  final java.util.List<Frame> deferred = new ArrayList<>();

  /** The one timer, due at once, that brings the deferred frames back. */
  String continueTimer;

  /** Sees inside the states; {@link Inspector#NONE} but in a state test. */
  Inspector inspector = Inspector.NONE;

  /** Whether it keeps the events of each command for the runtime ({@link #withoutHistory}). */
  boolean recordsHistory = true;

  /** Whether Distributed Map iterations run as child executions ({@link #runChildExecutions}). */
  boolean childExecutions;

  /** The Map Runs this command changed, by ARN: each is recorded once, when the command ends. */
  private final Map<String, ChildRun> changedRuns = new java.util.LinkedHashMap<>();

  /** Whether this is a state test, which runs its first state only (see {@link StateTrial}). */
  boolean firstStateOnly;

  Frame root;
  JsonNode output;
  String error;
  String cause;

  /**
   * How many effects this command had produced when the execution closed, -1 while it is open. The
   * history limit can close it in the middle of a state; what runs on until the command unwinds is
   * dropped, so nothing done after the closing event reaches the runtime.
   */
  private int effectsAtClose = -1;

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
   * Runs Distributed Map iterations as child executions, as AWS does ({@link RemoteRuns}): the
   * runtime keeps their inputs and results, starts each ({@link Effect.StartChildExecution}) and
   * reports its end as a task's. Without this they run inside the execution (a local run, a test).
   *
   * @return this execution
   */
  public Execution runChildExecutions() {
    childExecutions = true;
    return this;
  }

  /**
   * Records no history events (decision 0039): for a runtime that reads none. The execution does
   * the same; its event ids still advance, so the history limit and the causes stay as they were.
   */
  public Execution withoutHistory() {
    recordsHistory = false;
    return this;
  }

  /**
   * Handles a command.
   *
   * @throws IllegalStateException when the command does not fit the execution's status (a start of
   *     a started execution, a stop of one that is not running, a task it does not wait for)
   */
  public Step handle(Command command) {
    beginCommand(command.time());
    if (command instanceof Command.StartExecution start) {
      start(start, Map.of(), 0);
    } else if (command instanceof Command.FireTimer fire) {
      fire(fire);
    } else if (command instanceof Command.CompleteTask complete) {
      taskEnded(complete.token(), Optional.of(complete.output()), null, null);
    } else if (command instanceof Command.FailTask fail) {
      taskEnded(fail.token(), Optional.empty(), fail.error(), fail.cause());
    } else if (command instanceof Command.StartTask started) {
      new StateRunner(this).tasks().start(task(started.token()), started.workerName());
    } else if (command instanceof Command.HeartbeatTask heartbeat) {
      new StateRunner(this).heartbeat(task(heartbeat.token()));
    } else if (command instanceof Command.StopExecution stop) {
      stop(stop);
    } else if (command instanceof Command.RedriveExecution) {
      redrive();
    } else if (command instanceof Command.UpdateMapRun update) {
      if (status != ExecutionStatus.RUNNING) {
        throw new IllegalStateException("the execution is " + status + "; its Map Runs ended");
      }
      new StateRunner(this).remoteRuns().update(update);
    }
    return finishCommand();
  }

  /**
   * Starts a state test: the first state runs with the variables given, as if it had been retried
   * {@code retriesDone} times already, and the execution stops where a second state would begin.
   */
  Step startTest(Command.StartExecution start, Map<String, JsonNode> variables, int retriesDone) {
    firstStateOnly = true;
    beginCommand(start.time());
    start(start, variables, retriesDone);
    return finishCommand();
  }

  /** A task or a Map Run's child execution ended: with its output, or its error and cause. */
  private void taskEnded(String token, Optional<JsonNode> output, String error, String cause) {
    StateRunner runner = new StateRunner(this);
    if (status == ExecutionStatus.RUNNING && runner.remoteRuns().isChildToken(token)) {
      runner.remoteRuns().ended(token, output, error, cause);
    } else if (output.isPresent()) {
      runner.completeTask(task(token), output.get());
    } else {
      runner.failTask(task(token), error, cause);
    }
  }

  private void beginCommand(Instant time) {
    events.clear();
    effects.clear();
    changedRuns.clear();
    effectsAtClose = -1;
    now = time;
  }

  private Step finishCommand() {
    dropWorkAfterClose();
    changedRuns
        .values()
        .forEach(
            run ->
                effects.add(
                    new Effect.RecordMapRun(RemoteRuns.view(identity.executionArn(), run))));
    return new Step(events, effects);
  }

  /** A Map Run changed in this command: it is recorded when the command ends. */
  void mapRunChanged(ChildRun run) {
    changedRuns.put(run.arn, run);
  }

  private void start(
      Command.StartExecution start, Map<String, JsonNode> variables, int retriesDone) {
    if (status != ExecutionStatus.NOT_STARTED) {
      throw new IllegalStateException("the execution has started already");
    }
    status = ExecutionStatus.RUNNING;
    identity = start.identity();
    executionInput = start.input();
    startTime = start.time();
    ObjectNode details = NODES.objectNode();
    details.set("input", start.input());
    details.put("roleArn", identity.roleArn());
    long started = emit("ExecutionStarted", details, 0);
    root = new Frame(machine, Optional.empty(), 0, start.input(), variables, false);
    root.lastEventId = started;
    if (retriesDone > 0) {
      int retriers = machine.state(machine.startAt()).io().retry().size();
      for (int i = 0; i < retriers; i++) {
        root.retries.put(i, retriesDone);
      }
    }
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

  /**
   * The idempotency key of the call a frame's state makes now: see {@link
   * Effect.ScheduleTask#idempotencyKey()}.
   *
   * @param part what of the state calls ("" for a Task state's resource)
   */
  String idempotencyKey(Frame frame, String part) {
    return identity.executionArn() + "/" + frame.path() + part + "#" + frame.attempt();
  }

  /** A token for a task the frame schedules: unique and the same on replay. */
  String newTaskToken(Frame frame) {
    String token = nextTaskToken();
    tasks.put(token, frame);
    return token;
  }

  /** The token of the next task, not yet given to a frame. */
  String nextTaskToken() {
    return identity.executionArn() + "/task-" + ++taskSequence;
  }

  private void stop(Command.StopExecution stop) {
    if (status != ExecutionStatus.RUNNING) {
      throw new IllegalStateException(
          "only a running execution can be stopped, and this one is " + status);
    }
    error = stop.error().orElse(null);
    cause = stop.cause().orElse(null);
    close(ExecutionStatus.ABORTED, "ExecutionAborted", failureDetails(error, cause));
  }

  private void redrive() {
    Optional<String> refused = notRedrivable();
    if (refused.isPresent()) {
      throw new IllegalStateException(refused.get());
    }
    status = ExecutionStatus.RUNNING;
    redriveCount++;
    output = null;
    error = null;
    cause = null;
    ObjectNode details = NODES.objectNode();
    details.put("redriveCount", redriveCount);
    emit("ExecutionRedriven", details, 0);
    machine
        .timeoutSeconds()
        .ifPresent(seconds -> executionTimeoutTimer = armTimer(root, now.plusSeconds(seconds)));
    new StateRunner(this).redrive(root);
  }

  /**
   * Why this execution cannot be redriven, in AWS's words, or empty when it can: see {@link
   * ExecutionStatus#notRedrivable(long)}.
   */
  public Optional<String> notRedrivable() {
    return status.notRedrivable(root == null ? MAX_HISTORY_EVENTS : lastEventId);
  }

  /** How many times it was redriven. */
  public int redriveCount() {
    return redriveCount;
  }

  private void timeOut() {
    error = StatesErrors.TIMEOUT;
    cause = "The execution exceeded its TimeoutSeconds.";
    close(ExecutionStatus.TIMED_OUT, "ExecutionTimedOut", failureDetails(error, cause));
  }

  /** Called when the root frame is done. */
  void finish(Frame frame) {
    if (status != ExecutionStatus.RUNNING) {
      // The history limit closed the execution earlier in this command.
      return;
    }
    if (frame.failed()) {
      error = frame.error;
      cause = frame.cause;
      close(ExecutionStatus.FAILED, "ExecutionFailed", failureDetails(error, cause));
    } else {
      output = frame.output;
      ObjectNode details = NODES.objectNode();
      details.set("output", frame.output);
      close(ExecutionStatus.SUCCEEDED, "ExecutionSucceeded", details);
    }
  }

  /**
   * Ends the execution with its closing event, cancels its tasks and drops its timers. Only a
   * success may be the last event the history holds; any other end there is the limit's failure.
   */
  private void close(ExecutionStatus closing, String type, ObjectNode details) {
    if (lastEventId + 1 >= MAX_HISTORY_EVENTS && closing != ExecutionStatus.SUCCEEDED) {
      failOnHistoryLimit();
      return;
    }
    status = closing;
    append(type, details, 0);
    release();
  }

  private void failOnHistoryLimit() {
    status = ExecutionStatus.FAILED;
    error = StatesErrors.RUNTIME;
    cause = HISTORY_LIMIT_CAUSE;
    append("ExecutionFailed", failureDetails(error, cause), 0);
    release();
  }

  private void release() {
    RemoteRuns runs = new StateRunner(this).remoteRuns();
    RemoteRuns.openRuns(root).forEach(frame -> runs.close(frame.run));
    timers.clear();
    tasks.keySet().forEach(token -> effects.add(new Effect.CancelTask(token)));
    tasks.clear();
    deferred.clear();
    continueTimer = null;
    executionTimeoutTimer = null;
    effectsAtClose = effects.size();
  }

  /** Forgets the tasks, timers and effects that states added after the execution closed. */
  private void dropWorkAfterClose() {
    if (effectsAtClose < 0) {
      return;
    }
    effects.subList(effectsAtClose, effects.size()).clear();
    timers.clear();
    tasks.clear();
    deferred.clear();
    continueTimer = null;
  }

  private static ObjectNode failureDetails(String error, String cause) {
    ObjectNode details = NODES.objectNode();
    if (error != null && !error.isEmpty()) {
      details.put("error", error);
    }
    if (cause != null && !cause.isEmpty()) {
      details.put("cause", cause);
    }
    return details;
  }

  /**
   * Records an event of a running execution, caused by {@code previousEventId} (0: the execution's
   * last event). The event that would be number {@link #MAX_HISTORY_EVENTS} fails the execution
   * instead; once it is closed, events of the states that still run until the command unwinds are
   * not recorded.
   *
   * @return the id of the event, or of the last recorded one when this one was not
   */
  long emit(String type, JsonNode details, long previousEventId) {
    if (status != ExecutionStatus.RUNNING) {
      return lastEventId;
    }
    if (lastEventId + 1 >= MAX_HISTORY_EVENTS) {
      failOnHistoryLimit();
      return lastEventId;
    }
    return append(type, details, previousEventId);
  }

  private long append(String type, JsonNode details, long previousEventId) {
    long previous = previousEventId > 0 ? previousEventId : lastEventId;
    lastEventId++;
    if (recordsHistory) {
      events.add(new HistoryEvent(lastEventId, previous, type, now, details));
    }
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
   * The context object a state of this frame sees, built once per state entered: see {@link
   * ContextObjects}.
   */
  ObjectNode contextObject(Frame frame) {
    return ContextObjects.of(this, frame);
  }

  /** The state a frame is in. */
  State stateOf(Frame frame) {
    return frame.currentState();
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

  /** The error of a failed, timed-out or stopped execution (a stop may give none). */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The cause of a failed, timed-out or stopped execution (a stop may give none). */
  public Optional<String> cause() {
    return Optional.ofNullable(cause);
  }
}
