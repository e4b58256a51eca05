package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One running state machine inside an execution: the execution itself, a Parallel branch or a Map
 * iteration. It knows its current state, that state's input, and what it waits for.
 */
final class Frame {

  /** What a frame waits for, if anything. */
  enum Waiting {
    NOTHING,
    WAIT_STATE,
    RETRY,
    CONTINUE,
    TASK,
    CHILDREN
  }

  /** How far the task of a Task state has got: AWS records its start once. */
  enum TaskPhase {
    /** No task of a Task state runs (a Map's item reader or result writer may). */
    NONE,
    SCHEDULED,
    STARTED
  }

  final StateMachine machine;
  final Optional<Frame> parent;
  final int index;
  final Map<String, JsonNode> variables;

  String state;
  JsonNode input;

  /** The definition of {@link #state}, looked up once per state rather than at every use. */
  private State definition;

  /** The name {@link #definition} was looked up by. */
  private String definitionName;

  long enteredEventId;

  /**
   * The last event this frame recorded, or the one that started it (its Map iteration's or Parallel
   * state's start): the {@code previousEventId} of its next event, so that each event points to the
   * one before it in its own branch or iteration, as AWS's histories do. 0 when unknown (a snapshot
   * from before it was kept): the execution's last event then.
   */
  long lastEventId;

  Instant enteredTime;
  final Map<Integer, Integer> retries = new HashMap<>();

  boolean entered;

  /** How many states this frame has entered: a state entered again is a new visit. */
  int steps;

  ObjectNode contextObject;
  boolean cancelled;
  boolean reported;
  Waiting waiting = Waiting.NOTHING;
  JsonNode pendingOutput;
  String taskToken;
  TaskPhase taskPhase = TaskPhase.NONE;
  boolean readingItems;
  boolean writingResults;
  String taskTimeoutTimer;
  String heartbeatTimer;
  String startMoreTimer;
  long heartbeatSeconds;
  Children children;

  /**
   * The run of this frame's Distributed Map when its iterations are child executions: kept while
   * the frame stays in the Map state.
   */
  ChildRun run;

  /** Whether the frame waits for its Map Run's results ({@link Effect.CollectChildResults}). */
  boolean collectingResults;

  /**
   * The branches or iterations of this frame's Parallel or Map state once they closed, kept while
   * the frame stays in that state (it failed there): a redrive runs only those that did not
   * succeed.
   */
  Children spent;

  boolean done;
  boolean failed;
  final boolean silent;
  Map<String, JsonNode> pendingAssignments = Map.of();
  JsonNode output;
  String error;
  String cause;

  Frame(
      StateMachine machine,
      Optional<Frame> parent,
      int index,
      JsonNode input,
      Map<String, JsonNode> variables,
      boolean silent) {
    this.machine = machine;
    this.parent = parent;
    this.silent = silent;
    this.index = index;
    this.state = machine.startAt();
    this.input = input;
    this.variables = new HashMap<>(variables);
  }

  /**
   * Where this frame is: each enclosing state with its visit and the branch or item index, then
   * this frame's state with its visit, e.g. {@code Validate@2[1]/Check@3}.
   */
  String path() {
    String here = state + "@" + steps;
    return parent.map(p -> p.path() + "[" + index + "]/" + here).orElse(here);
  }

  /** Which attempt of its state this is: 1, then 2 after the first retry... */
  int attempt() {
    return 1 + retries.values().stream().mapToInt(Integer::intValue).sum();
  }

  boolean failed() {
    return done && failed;
  }

  void succeed(JsonNode result) {
    done = true;
    output = result;
    waiting = Waiting.NOTHING;
  }

  void fail(String errorName, String errorCause) {
    done = true;
    failed = true;
    error = errorName;
    cause = errorCause;
    waiting = Waiting.NOTHING;
  }

  /** The state it is in. */
  State currentState() {
    if (!state.equals(definitionName)) {
      definition = machine.state(state);
      definitionName = state;
    }
    return definition;
  }

  /** Moves to another state of the same machine. */
  void moveTo(String next, JsonNode nextInput) {
    state = next;
    input = nextInput;
    retries.clear();
    entered = false;
    contextObject = null;
    waiting = Waiting.NOTHING;
    children = null;
    spent = null;
    run = null;
  }

  /**
   * Opens a frame that ended unsuccessfully, or was cut short, at its state again, for a redrive:
   * what it waited for, its result and its retries are forgotten.
   *
   * @param reenter whether the state is entered anew (its input processed again); false when its
   *     branches or iterations go on instead
   */
  void reopen(boolean reenter) {
    done = false;
    failed = false;
    error = null;
    cause = null;
    output = null;
    reported = false;
    cancelled = false;
    waiting = Waiting.NOTHING;
    pendingOutput = null;
    taskToken = null;
    taskPhase = TaskPhase.NONE;
    readingItems = false;
    writingResults = false;
    collectingResults = false;
    taskTimeoutTimer = null;
    heartbeatTimer = null;
    startMoreTimer = null;
    retries.clear();
    children = null;
    spent = null;
    if (reenter) {
      entered = false;
      contextObject = null;
    }
  }
}
