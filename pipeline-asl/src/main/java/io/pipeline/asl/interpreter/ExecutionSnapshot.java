package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An execution's whole state as JSON, and back: what a runtime stores between commands. A restored
 * execution handles the next command exactly as the original would have, randomness included.
 */
public final class ExecutionSnapshot {

  /** The format's version; a reader refuses versions it does not know. */
  public static final int VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExecutionSnapshot() {}

  /** The execution's state. */
  public static ObjectNode write(Execution execution) {
    Map<Frame, String> paths = new IdentityHashMap<>();
    ObjectNode json = NODES.objectNode();
    json.put("version", VERSION);
    json.put("status", execution.status.name());
    json.put("seed", execution.random.state());
    if (execution.identity != null) {
      ExecutionIdentity id = execution.identity;
      json.putObject("identity")
          .put("executionArn", id.executionArn())
          .put("executionName", id.executionName())
          .put("stateMachineArn", id.stateMachineArn())
          .put("stateMachineName", id.stateMachineName())
          .put("roleArn", id.roleArn())
          .put("synchronous", id.synchronous());
    }
    putNode(json, "input", execution.executionInput);
    putInstant(json, "startTime", execution.startTime);
    putInstant(json, "now", execution.now);
    json.put("lastEventId", execution.lastEventId);
    json.put("timerSequence", execution.timerSequence);
    json.put("taskSequence", execution.taskSequence);
    json.put("redriveCount", execution.redriveCount);
    json.put("childExecutions", execution.childExecutions);
    json.put("executionTimeoutTimer", execution.executionTimeoutTimer);
    json.put("continueTimer", execution.continueTimer);
    putNode(json, "output", execution.output);
    json.put("error", execution.error);
    json.put("cause", execution.cause);
    if (execution.root != null) {
      json.set("root", frame(execution.root, "", paths));
    }
    ObjectNode timers = json.putObject("timers");
    execution.timers.forEach((id, frame) -> timers.put(id, paths.get(frame)));
    ArrayNode deferred = json.putArray("deferred");
    execution.deferred.forEach(frame -> deferred.add(paths.get(frame)));
    ObjectNode tasks = json.putObject("tasks");
    execution.tasks.forEach((token, frame) -> tasks.put(token, paths.get(frame)));
    return json;
  }

  /**
   * Restores an execution of a state machine from its state.
   *
   * @throws IllegalArgumentException when the snapshot is of another format version
   */
  public static Execution read(StateMachine machine, JsonNode json) {
    if (json.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException(
          "execution snapshot version " + json.path("version") + " is not " + VERSION);
    }
    Execution execution = Execution.of(machine, json.path("seed").asLong());
    execution.status = ExecutionStatus.valueOf(json.path("status").asText());
    JsonNode id = json.path("identity");
    if (id.isObject()) {
      execution.identity =
          new ExecutionIdentity(
              id.path("executionArn").asText(),
              id.path("executionName").asText(),
              id.path("stateMachineArn").asText(),
              id.path("stateMachineName").asText(),
              id.path("roleArn").asText(),
              id.path("synchronous").asBoolean());
    }
    execution.executionInput = node(json, "input");
    execution.startTime = instant(json, "startTime");
    execution.now = instant(json, "now");
    execution.lastEventId = json.path("lastEventId").asLong();
    execution.timerSequence = json.path("timerSequence").asInt();
    execution.taskSequence = json.path("taskSequence").asInt();
    execution.redriveCount = json.path("redriveCount").asInt();
    execution.childExecutions = json.path("childExecutions").asBoolean();
    execution.executionTimeoutTimer = text(json, "executionTimeoutTimer");
    execution.continueTimer = text(json, "continueTimer");
    execution.output = node(json, "output");
    execution.error = text(json, "error");
    execution.cause = text(json, "cause");
    Map<String, Frame> byPath = new HashMap<>();
    if (json.hasNonNull("root")) {
      execution.root = frame(json.get("root"), machine, Optional.empty(), "", byPath);
    }
    json.path("timers")
        .fields()
        .forEachRemaining(e -> execution.timers.put(e.getKey(), byPath.get(e.getValue().asText())));
    json.path("deferred").forEach(path -> execution.deferred.add(byPath.get(path.asText())));
    json.path("tasks")
        .fields()
        .forEachRemaining(e -> execution.tasks.put(e.getKey(), byPath.get(e.getValue().asText())));
    return execution;
  }

  private static ObjectNode frame(Frame frame, String path, Map<Frame, String> paths) {
    paths.put(frame, path);
    ObjectNode json = NODES.objectNode();
    json.put("index", frame.index);
    json.put("silent", frame.silent);
    json.put("state", frame.state);
    putNode(json, "input", frame.input);
    json.set("variables", map(frame.variables));
    json.put("enteredEventId", frame.enteredEventId);
    json.put("lastEventId", frame.lastEventId);
    putInstant(json, "enteredTime", frame.enteredTime);
    ObjectNode retries = json.putObject("retries");
    frame.retries.forEach((retrier, count) -> retries.put(String.valueOf(retrier), count));
    json.put("entered", frame.entered);
    json.put("steps", frame.steps);
    json.put("cancelled", frame.cancelled);
    json.put("reported", frame.reported);
    json.put("waiting", frame.waiting.name());
    putNode(json, "pendingOutput", frame.pendingOutput);
    json.put("taskToken", frame.taskToken);
    json.put("taskPhase", frame.taskPhase.name());
    json.put("readingItems", frame.readingItems);
    json.put("writingResults", frame.writingResults);
    json.put("taskTimeoutTimer", frame.taskTimeoutTimer);
    json.put("heartbeatTimer", frame.heartbeatTimer);
    json.put("startMoreTimer", frame.startMoreTimer);
    json.put("heartbeatSeconds", frame.heartbeatSeconds);
    json.put("done", frame.done);
    json.put("failed", frame.failed);
    json.set("pendingAssignments", map(frame.pendingAssignments));
    putNode(json, "output", frame.output);
    json.put("error", frame.error);
    json.put("cause", frame.cause);
    json.put("collectingResults", frame.collectingResults);
    if (frame.run != null) {
      json.set("run", frame.run.toJson());
    }
    if (frame.children != null) {
      json.set("children", children(frame.children, path, paths));
    }
    if (frame.spent != null) {
      json.set("spent", children(frame.spent, path + "/spent", paths));
    }
    return json;
  }

  private static ObjectNode children(Children children, String path, Map<Frame, String> paths) {
    ObjectNode c = NODES.objectNode();
    c.put("map", children.map);
    c.put("distributed", children.distributed);
    putNode(c, "stateInput", children.stateInput);
    ArrayNode items = c.putArray("itemInputs");
    children.itemInputs.forEach(items::add);
    c.put("maxConcurrency", children.maxConcurrency);
    children.tolerance.write(c);
    ArrayNode results = c.putArray("results");
    for (JsonNode result : children.results) {
      results.add(result == null ? NODES.nullNode() : NODES.objectNode().set("v", result));
    }
    c.put("failures", children.failures);
    c.put("completed", children.completed);
    c.put("closed", children.closed);
    ArrayNode started = c.putArray("started");
    for (Frame child : children.started) {
      started.add(frame(child, path + "/" + child.index, paths));
    }
    return c;
  }

  private static Frame frame(
      JsonNode json,
      StateMachine machine,
      Optional<Frame> parent,
      String path,
      Map<String, Frame> byPath) {
    Frame frame =
        new Frame(
            machine,
            parent,
            json.path("index").asInt(),
            node(json, "input"),
            variables(json.path("variables")),
            json.path("silent").asBoolean());
    byPath.put(path, frame);
    frame.state = json.path("state").asText();
    frame.enteredEventId = json.path("enteredEventId").asLong();
    frame.lastEventId = json.path("lastEventId").asLong();
    frame.enteredTime = instant(json, "enteredTime");
    json.path("retries")
        .fields()
        .forEachRemaining(
            e -> frame.retries.put(Integer.parseInt(e.getKey()), e.getValue().asInt()));
    frame.entered = json.path("entered").asBoolean();
    frame.steps = json.path("steps").asInt();
    frame.cancelled = json.path("cancelled").asBoolean();
    frame.reported = json.path("reported").asBoolean();
    frame.waiting = Frame.Waiting.valueOf(json.path("waiting").asText());
    frame.pendingOutput = node(json, "pendingOutput");
    frame.taskToken = text(json, "taskToken");
    frame.readingItems = json.path("readingItems").asBoolean();
    frame.writingResults = json.path("writingResults").asBoolean();
    frame.taskPhase = taskPhase(json, frame);
    frame.taskTimeoutTimer = text(json, "taskTimeoutTimer");
    frame.heartbeatTimer = text(json, "heartbeatTimer");
    frame.startMoreTimer = text(json, "startMoreTimer");
    frame.heartbeatSeconds = json.path("heartbeatSeconds").asLong();
    frame.done = json.path("done").asBoolean();
    frame.failed = json.path("failed").asBoolean();
    frame.pendingAssignments = variables(json.path("pendingAssignments"));
    frame.output = node(json, "output");
    frame.error = text(json, "error");
    frame.cause = text(json, "cause");
    frame.collectingResults = json.path("collectingResults").asBoolean();
    if (json.path("run").isObject()) {
      frame.run = ChildRun.fromJson(json.get("run"));
    }
    if (json.path("children").isObject()) {
      frame.children = children(json.get("children"), machine, frame, path, byPath);
    }
    if (json.path("spent").isObject()) {
      frame.spent = children(json.get("spent"), machine, frame, path + "/spent", byPath);
    }
    return frame;
  }

  private static Children children(
      JsonNode c, StateMachine machine, Frame frame, String path, Map<String, Frame> byPath) {
    List<JsonNode> items = new ArrayList<>();
    c.path("itemInputs").forEach(items::add);
    Children children =
        new Children(
            c.path("map").asBoolean(),
            c.path("distributed").asBoolean(),
            node(c, "stateInput"),
            items,
            c.path("maxConcurrency").asInt(),
            Tolerance.read(c));
    for (int i = 0; i < children.results.length; i++) {
      JsonNode result = c.path("results").get(i);
      children.results[i] = result == null || result.isNull() ? null : result.get("v");
    }
    children.failures = c.path("failures").asInt();
    children.completed = c.path("completed").asInt();
    children.closed = c.path("closed").asBoolean();
    State state = machine.state(frame.state);
    for (JsonNode child : c.path("started")) {
      int index = child.path("index").asInt();
      StateMachine childMachine =
          state instanceof ParallelState parallel
              ? parallel.branches().get(index)
              : ((MapState) state).processor();
      children.started.add(
          frame(child, childMachine, Optional.of(frame), path + "/" + index, byPath));
    }
    return children;
  }

  /**
   * A snapshot written before task phases were stored knows only a frame's task token: a Task
   * state's task it names counts as scheduled, not started.
   */
  private static Frame.TaskPhase taskPhase(JsonNode json, Frame frame) {
    if (json.hasNonNull("taskPhase")) {
      return Frame.TaskPhase.valueOf(json.get("taskPhase").asText());
    }
    boolean taskStateTask = frame.taskToken != null && !frame.readingItems && !frame.writingResults;
    return taskStateTask ? Frame.TaskPhase.SCHEDULED : Frame.TaskPhase.NONE;
  }

  private static ObjectNode map(Map<String, JsonNode> values) {
    ObjectNode json = NODES.objectNode();
    values.forEach(json::set);
    return json;
  }

  private static Map<String, JsonNode> variables(JsonNode json) {
    Map<String, JsonNode> values = new HashMap<>();
    json.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    return values;
  }

  private static void putInstant(ObjectNode json, String field, Instant value) {
    json.put(field, value == null ? null : value.toString());
  }

  private static Instant instant(JsonNode json, String field) {
    return json.hasNonNull(field) ? Instant.parse(json.get(field).asText()) : null;
  }

  /** A JSON value that may be absent (Java null), kept apart from JSON null by a wrapper. */
  private static void putNode(ObjectNode json, String field, JsonNode value) {
    if (value != null) {
      json.putObject(field).set("v", value);
    }
  }

  private static JsonNode node(JsonNode json, String field) {
    return json.has(field) ? json.get(field).get("v") : null;
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }
}
