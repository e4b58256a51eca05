package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Task states whose resource is an activity record AWS's {@code Activity*} events; other resources
 * keep the {@code Task*} events. A worker's start is recorded once.
 */
class ActivityTaskTest {

  private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:resize";

  private static Instant at(long seconds) {
    return Runs.START.plusSeconds(seconds);
  }

  private static List<String> types(Step step) {
    return step.events().stream().map(HistoryEvent::type).toList();
  }

  /** An event's details as the runtime stores them: JSON text, so numbers compare by value. */
  private static JsonNode details(Step step, String type) {
    return Runs.json(
        step.events().stream()
            .filter(e -> e.type().equals(type))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + type + " in " + types(step)))
            .details()
            .toString());
  }

  private static Effect.ArmTimer timerDueAt(Step step, Instant dueAt) {
    return step.effects().stream()
        .filter(Effect.ArmTimer.class::isInstance)
        .map(Effect.ArmTimer.class::cast)
        .filter(t -> t.dueAt().equals(dueAt))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no timer due at " + dueAt + " in " + step));
  }

  private static String task(String resource, String extra) {
    return """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", %s "End": true}}}
        """
        .formatted(resource, extra);
  }

  @Test
  void shouldRecordActivityScheduledStartedAndSucceededWhenResourceIsAnActivity() {
    // given
    Runs.Started run =
        Runs.start(
            task(
                ACTIVITY,
                """
                "Parameters": {"id.$": "$.order"}, "TimeoutSeconds": 60, "HeartbeatSeconds": 10,"""),
            "{\"order\": 42}");
    Execution execution = run.execution();
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());

    // when
    Step started =
        execution.handle(new Command.StartTask(scheduled.token(), Optional.of("worker-1"), at(1)));
    Step succeeded =
        execution.handle(
            new Command.CompleteTask(scheduled.token(), Runs.json("{\"ok\": true}"), at(2)));

    // then
    assertThat(types(run.started()))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled");
    assertThat(details(run.started(), "ActivityScheduled"))
        .isEqualTo(
            Runs.json(
                """
                {"resource": "%s", "input": {"id": 42}, "timeoutInSeconds": 60, "heartbeatInSeconds": 10}
                """
                    .formatted(ACTIVITY)));
    assertThat(scheduled.resource()).isEqualTo(ACTIVITY);
    assertThat(types(started)).containsExactly("ActivityStarted");
    assertThat(details(started, "ActivityStarted"))
        .isEqualTo(Runs.json("{\"workerName\": \"worker-1\"}"));
    assertThat(types(succeeded))
        .containsExactly("ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(details(succeeded, "ActivitySucceeded"))
        .isEqualTo(Runs.json("{\"output\": {\"ok\": true}}"));
    assertThat(execution.output()).hasValue(Runs.json("{\"ok\": true}"));
  }

  @Test
  void shouldRecordActivityStartedWithoutWorkerNameWhenWorkerGaveNone() {
    // given
    Runs.Started run = Runs.start(task(ACTIVITY, ""), "{}");
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());

    // when
    Step started =
        run.execution().handle(new Command.StartTask(scheduled.token(), Optional.empty(), at(1)));

    // then
    assertThat(details(run.started(), "ActivityScheduled"))
        .isEqualTo(Runs.json("{\"resource\": \"%s\", \"input\": {}}".formatted(ACTIVITY)));
    assertThat(types(started)).containsExactly("ActivityStarted");
    assertThat(details(started, "ActivityStarted")).isEmpty();
  }

  @Test
  void shouldRecordActivityFailedAndFailExecutionWhenActivityFails() {
    // given
    Runs.Started run = Runs.start(task(ACTIVITY, ""), "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());
    execution.handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(1)));

    // when
    Step failed =
        execution.handle(
            new Command.FailTask(scheduled.token(), "Resize.TooLarge", "20 MB", at(2)));

    // then
    assertThat(types(failed)).containsExactly("ActivityFailed", "ExecutionFailed");
    assertThat(details(failed, "ActivityFailed"))
        .isEqualTo(Runs.json("{\"error\": \"Resize.TooLarge\", \"cause\": \"20 MB\"}"));
    assertThat(execution.error()).hasValue("Resize.TooLarge");
  }

  @Test
  void shouldRecordActivityTimedOutWithHeartbeatTimeoutWhenHeartbeatsStop() {
    // given
    Runs.Started run = Runs.start(task(ACTIVITY, "\"HeartbeatSeconds\": 3,"), "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());
    Step started =
        execution.handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(2)));
    Effect.ArmTimer deadline = timerDueAt(started, at(5));

    // when
    Step timedOut = execution.handle(new Command.FireTimer(deadline.timerId(), deadline.dueAt()));

    // then
    assertThat(types(timedOut)).containsExactly("ActivityTimedOut", "ExecutionFailed");
    assertThat(details(timedOut, "ActivityTimedOut"))
        .isEqualTo(
            Runs.json(
                """
                {"error": "States.HeartbeatTimeout", "cause": "The task missed its heartbeat."}
                """));
    assertThat(timedOut.effects()).contains(new Effect.CancelTask(scheduled.token()));
    assertThat(execution.error()).hasValue("States.HeartbeatTimeout");
  }

  @Test
  void shouldRecordActivityTimedOutWithTimeoutWhenNoWorkerTakesIt() {
    // given
    Runs.Started run = Runs.start(task(ACTIVITY, "\"TimeoutSeconds\": 30,"), "{}");
    Effect.ArmTimer timeout = timerDueAt(run.started(), at(30));

    // when
    Step timedOut =
        run.execution().handle(new Command.FireTimer(timeout.timerId(), timeout.dueAt()));

    // then
    assertThat(types(timedOut)).containsExactly("ActivityTimedOut", "ExecutionFailed");
    assertThat(details(timedOut, "ActivityTimedOut").path("error").asText())
        .isEqualTo("States.Timeout");
  }

  @Test
  void shouldRetryThenCatchWhenActivityKeepsFailing() {
    // given
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "%s",
                    "Retry": [{"ErrorEquals": ["Resize.Busy"], "IntervalSeconds": 2, "MaxAttempts": 1}],
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Fallback"}], "End": true},
              "Fallback": {"Type": "Pass", "End": true}}}
            """
                .formatted(ACTIVITY),
            "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask first = Runs.scheduled(run.started());

    // when
    Step failed = execution.handle(new Command.FailTask(first.token(), "Resize.Busy", "", at(1)));
    Effect.ArmTimer backoff = timerDueAt(failed, at(3));
    Step retried = execution.handle(new Command.FireTimer(backoff.timerId(), backoff.dueAt()));
    Effect.ScheduleTask second = Runs.scheduled(retried);
    Step started = execution.handle(new Command.StartTask(second.token(), Optional.of("w"), at(4)));
    Step caught =
        execution.handle(new Command.FailTask(second.token(), "Resize.Busy", "again", at(5)));

    // then
    assertThat(types(failed)).containsExactly("ActivityFailed");
    assertThat(types(retried)).containsExactly("ActivityScheduled");
    assertThat(types(started)).containsExactly("ActivityStarted");
    assertThat(types(caught))
        .containsExactly(
            "ActivityFailed",
            "TaskStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
    assertThat(execution.output())
        .hasValue(Runs.json("{\"Error\": \"Resize.Busy\", \"Cause\": \"again\"}"));
  }

  @Test
  void shouldKeepTaskEventsAndRecordTaskStartedWhenResourceIsAnIntegration() {
    // given
    Runs.Started run =
        Runs.start(
            task("arn:aws:states:::lambda:invoke", "\"Parameters\": {\"FunctionName\": \"f\"},"),
            "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());

    // when
    Step started =
        execution.handle(new Command.StartTask(scheduled.token(), Optional.empty(), at(1)));
    Step succeeded =
        execution.handle(new Command.CompleteTask(scheduled.token(), Runs.json("1"), at(2)));

    // then
    assertThat(types(run.started()))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled");
    assertThat(details(run.started(), "TaskScheduled"))
        .isEqualTo(
            Runs.json(
                """
                {"name": "T", "parameters": {"FunctionName": "f"}, "resource": "arn:aws:states:::lambda:invoke"}
                """));
    assertThat(types(started)).containsExactly("TaskStarted");
    assertThat(details(started, "TaskStarted"))
        .isEqualTo(Runs.json("{\"resourceType\": \"lambda\", \"resource\": \"invoke\"}"));
    assertThat(types(succeeded))
        .containsExactly("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(details(succeeded, "TaskSucceeded"))
        .isEqualTo(Runs.json("{\"name\": \"T\", \"output\": 1}"));
  }

  @Test
  void shouldNameWholeResourceInTaskStartedWhenResourceIsNoIntegration() {
    // given
    String function = "arn:aws:lambda:us-east-1:123456789012:function:resize";
    Runs.Started run = Runs.start(task(function, ""), "{}");
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());

    // when
    Step started =
        run.execution()
            .handle(new Command.StartTask(scheduled.token(), Optional.of("ignored"), at(1)));

    // then
    assertThat(types(run.started())).endsWith("TaskScheduled");
    assertThat(details(started, "TaskStarted"))
        .isEqualTo(Runs.json("{\"resource\": \"%s\"}".formatted(function)));
  }

  @Test
  void shouldKeepTaskEventsWhenActivityArnLacksRegionAndAccount() {
    // given
    Runs.Started run = Runs.start(task("arn:aws:states:::activity:resize", ""), "{}");

    // then
    assertThat(types(run.started())).endsWith("TaskScheduled");
  }

  @Test
  void shouldRecordNothingWhenStartIsDeliveredAgain() {
    // given
    Runs.Started run = Runs.start(task(ACTIVITY, "\"HeartbeatSeconds\": 3,"), "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());
    execution.handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(1)));

    // when
    Step again =
        execution.handle(new Command.StartTask(scheduled.token(), Optional.of("other"), at(2)));

    // then
    assertThat(again.events()).isEmpty();
    assertThat(again.effects()).isEmpty();
  }

  @Test
  void shouldRefuseStartWhenNoTaskWithTheTokenRuns() {
    // given
    Runs.Started run = Runs.start(task(ACTIVITY, ""), "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());
    execution.handle(new Command.CompleteTask(scheduled.token(), Runs.json("1"), at(1)));

    // when / then
    assertThatThrownBy(
            () ->
                execution.handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(2))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no task with token");
    assertThatThrownBy(
            () -> execution.handle(new Command.StartTask("forged", Optional.empty(), at(2))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no task with token");
  }

  @Test
  void shouldRecordNothingWhenMapItemReaderIsStarted() {
    // given
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                "Parameters": {"Bucket": "data", "Key": "items.json"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{}");
    Effect.ScheduleTask read = Runs.scheduled(run.started());

    // when
    Step started =
        run.execution().handle(new Command.StartTask(read.token(), Optional.empty(), at(1)));

    // then
    assertThat(started.events()).isEmpty();
  }

  @Test
  void shouldKeepStartedTaskAcrossSnapshot() {
    // given
    String definition = task(ACTIVITY, "");
    StateMachine machine = DefinitionParser.parse(definition).stateMachine().orElseThrow();
    Runs.Started run = Runs.start(definition, "{}");
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());
    Execution beforeStart = restored(machine, run.execution());
    run.execution().handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(1)));

    // when
    Execution afterStart = restored(machine, run.execution());
    Step startedAgain =
        afterStart.handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(2)));
    Step firstStart =
        beforeStart.handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(2)));
    Step done =
        afterStart.handle(new Command.CompleteTask(scheduled.token(), Runs.json("1"), at(3)));

    // then
    assertThat(ExecutionSnapshot.write(run.execution()).path("root").path("taskPhase").asText())
        .isEqualTo("STARTED");
    assertThat(startedAgain.events()).isEmpty();
    assertThat(types(firstStart)).containsExactly("ActivityStarted");
    assertThat(types(done)).startsWith("ActivitySucceeded");
  }

  @Test
  void shouldCountTaskAsScheduledWhenSnapshotPredatesTaskPhases() {
    // given
    String definition = task(ACTIVITY, "");
    StateMachine machine = DefinitionParser.parse(definition).stateMachine().orElseThrow();
    Runs.Started run = Runs.start(definition, "{}");
    Effect.ScheduleTask scheduled = Runs.scheduled(run.started());
    ObjectNode snapshot = ExecutionSnapshot.write(run.execution());
    ((ObjectNode) snapshot.get("root")).remove("taskPhase");

    // when
    Step started =
        ExecutionSnapshot.read(machine, snapshot)
            .handle(new Command.StartTask(scheduled.token(), Optional.of("w"), at(1)));

    // then
    assertThat(types(started)).containsExactly("ActivityStarted");
  }

  private static Execution restored(StateMachine machine, Execution execution) {
    return ExecutionSnapshot.read(
        machine, Runs.json(ExecutionSnapshot.write(execution).toString()));
  }
}
