package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.jsonata.JsonataEvaluator;
import io.pipeline.asl.model.IntegrationPattern;
import io.pipeline.asl.model.QueryLanguage;
import io.pipeline.asl.model.TaskState;
import io.pipeline.asl.path.PathScope;
import java.util.Optional;

/** Schedules a Task state's work and its timeout and heartbeat timers. */
final class Tasks {

  private final Execution execution;
  private final StateRunner runner;
  private final JsonataStates jsonata;
  private final TaskEvents events;

  Tasks(Execution execution, StateRunner runner, JsonataStates jsonata) {
    this.execution = execution;
    this.runner = runner;
    this.jsonata = jsonata;
    this.events = new TaskEvents(runner);
  }

  /** The history events of a Task state's work. */
  TaskEvents events() {
    return events;
  }

  void schedule(Frame frame, TaskState task, PathScope scope) {
    String token = execution.nextTaskToken();
    if (IntegrationPattern.of(task.resource()) == IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
      // The callback's token, for the Parameters to pass on ($$.Task.Token).
      execution.contextObject(frame).putObject("Task").put("Token", token);
    }
    boolean isJsonata = task.io().queryLanguage() == QueryLanguage.JSONATA;
    JsonNode effective;
    Optional<Long> timeout;
    Optional<Long> heartbeat;
    if (isJsonata) {
      effective = jsonata.arguments(frame, task);
      JsonataEvaluator evaluator =
          jsonata.evaluator(frame, frame.input, Optional.empty(), Optional.empty());
      timeout =
          task.timeoutSeconds()
              .map(t -> seconds(evaluator.template(t, "TimeoutSeconds"), "TimeoutSeconds"));
      heartbeat =
          task.heartbeatSeconds()
              .map(h -> seconds(evaluator.template(h, "HeartbeatSeconds"), "HeartbeatSeconds"));
    } else {
      JsonNode input = runner.jsonPath().input(task, scope);
      effective = runner.jsonPath().parameters(task, scope.withData(input));
      timeout =
          seconds(
              task.timeoutSeconds(),
              task.timeoutSecondsPath(),
              "TimeoutSecondsPath",
              scope.withData(input));
      heartbeat =
          seconds(
              task.heartbeatSeconds(),
              task.heartbeatSecondsPath(),
              "HeartbeatSecondsPath",
              scope.withData(input));
    }
    events.scheduled(frame, task, effective, timeout, heartbeat);
    execution.tasks.put(token, frame);
    execution.effects.add(
        new Effect.ScheduleTask(
            token, task.resource(), effective, execution.idempotencyKey(frame, "")));
    frame.waiting = Frame.Waiting.TASK;
    frame.taskToken = token;
    frame.taskPhase = Frame.TaskPhase.SCHEDULED;
    frame.taskTimeoutTimer =
        timeout.map(t -> execution.armTimer(frame, execution.now.plusSeconds(t))).orElse(null);
    frame.heartbeatSeconds = heartbeat.orElse(0L);
    frame.heartbeatTimer =
        heartbeat.map(h -> execution.armTimer(frame, execution.now.plusSeconds(h))).orElse(null);
  }

  /** Forgets the running task of a frame and its timers. */
  void clear(Frame frame) {
    execution.tasks.remove(frame.taskToken);
    if (frame.taskTimeoutTimer != null) {
      execution.timers.remove(frame.taskTimeoutTimer);
    }
    if (frame.heartbeatTimer != null) {
      execution.timers.remove(frame.heartbeatTimer);
    }
    frame.taskToken = null;
    frame.taskPhase = Frame.TaskPhase.NONE;
    frame.taskTimeoutTimer = null;
    frame.heartbeatTimer = null;
    frame.waiting = Frame.Waiting.NOTHING;
  }

  /**
   * A worker took the task of a Task state: its start is recorded once, and counts as a heartbeat.
   * A start delivered again changes nothing, nor does the start of a Map's item reader or result
   * writer, which AWS does not record in the execution's history.
   */
  void start(Frame frame, Optional<String> workerName) {
    if (frame.taskPhase != Frame.TaskPhase.SCHEDULED) {
      return;
    }
    frame.taskPhase = Frame.TaskPhase.STARTED;
    events.started(frame, (TaskState) execution.stateOf(frame), workerName);
    heartbeat(frame);
  }

  void heartbeat(Frame frame) {
    if (frame.heartbeatTimer != null) {
      execution.timers.remove(frame.heartbeatTimer);
      frame.heartbeatTimer =
          execution.armTimer(frame, execution.now.plusSeconds(frame.heartbeatSeconds));
    }
  }

  private static Optional<Long> seconds(
      Optional<JsonNode> fixed, Optional<String> path, String field, PathScope scope) {
    if (fixed.isPresent()) {
      return Optional.of(seconds(fixed.get(), field));
    }
    return path.map(
        p ->
            seconds(
                scope
                    .read(p)
                    .orElseThrow(
                        () ->
                            StateFailure.runtime(
                                "The " + field + " does not reference an input value: " + p)),
                field));
  }

  private static long seconds(JsonNode value, String field) {
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asLong() <= 0) {
      throw StateFailure.runtime("The " + field + " must be a positive integer, but was: " + value);
    }
    return value.asLong();
  }
}
