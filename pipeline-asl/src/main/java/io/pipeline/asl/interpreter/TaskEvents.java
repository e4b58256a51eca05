package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.model.TaskState;
import java.util.Optional;

/**
 * The history events of a Task state's work, named and detailed as AWS records them: {@code
 * ActivityScheduled}, {@code ActivityStarted}, {@code ActivitySucceeded}, {@code ActivityFailed}
 * and {@code ActivityTimedOut} for an activity, the {@code Task*} events for any other resource.
 * Activity events carry only the fields of AWS's {@code activity*EventDetails}. {@code TaskStarted}
 * carries AWS's {@code resourceType} and {@code resource}; the other {@code Task*} events keep the
 * engine's earlier shape, which also names the state and gives the whole resource ARN.
 */
final class TaskEvents {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final StateRunner runner;

  TaskEvents(StateRunner runner) {
    this.runner = runner;
  }

  void scheduled(
      Frame frame,
      TaskState task,
      JsonNode input,
      Optional<Long> timeoutSeconds,
      Optional<Long> heartbeatSeconds) {
    TaskResource kind = TaskResource.of(task.resource());
    ObjectNode details = base(kind, task);
    if (kind == TaskResource.ACTIVITY) {
      details.put("resource", task.resource());
      details.set("input", input);
    } else {
      details.set("parameters", input);
      details.put("resource", task.resource());
    }
    timeoutSeconds.ifPresent(t -> details.put("timeoutInSeconds", t));
    heartbeatSeconds.ifPresent(h -> details.put("heartbeatInSeconds", h));
    runner.emit(frame, kind.scheduled(), details);
  }

  /**
   * An activity names the worker that took it, when the worker gave a name; an integration names
   * its service and action.
   */
  void started(Frame frame, TaskState task, Optional<String> workerName) {
    TaskResource kind = TaskResource.of(task.resource());
    ObjectNode details = NODES.objectNode();
    if (kind == TaskResource.ACTIVITY) {
      workerName.ifPresent(name -> details.put("workerName", name));
    } else {
      Optional<TaskResource.Integration> integration = TaskResource.integration(task.resource());
      integration.ifPresent(i -> details.put("resourceType", i.resourceType()));
      details.put("resource", integration.map(i -> i.resource()).orElse(task.resource()));
    }
    runner.emit(frame, kind.started(), details);
  }

  void succeeded(Frame frame, TaskState task, JsonNode output) {
    TaskResource kind = TaskResource.of(task.resource());
    ObjectNode details = base(kind, task);
    details.set("output", output);
    runner.emit(frame, kind.succeeded(), details);
  }

  void failed(Frame frame, TaskState task, String error, String cause) {
    TaskResource kind = TaskResource.of(task.resource());
    ObjectNode details = base(kind, task);
    details.put("error", error == null ? "" : error);
    details.put("cause", cause == null ? "" : cause);
    runner.emit(frame, kind.failed(), details);
  }

  void timedOut(Frame frame, TaskState task, String error, String cause) {
    TaskResource kind = TaskResource.of(task.resource());
    ObjectNode details = base(kind, task);
    details.put("error", error);
    if (kind == TaskResource.ACTIVITY) {
      details.put("cause", cause);
    }
    runner.emit(frame, kind.timedOut(), details);
  }

  private static ObjectNode base(TaskResource kind, TaskState task) {
    return kind == TaskResource.ACTIVITY
        ? NODES.objectNode()
        : StateRunner.details(task, null, null);
  }
}
