package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task states: the effects they ask for and the commands that complete them. */
class TaskTest {

  private static Step started;

  private static Execution start(String definition, String input) {
    Runs.Started run = Runs.start(definition, input);
    started = run.started();
    return run.execution();
  }

  private static Effect.ScheduleTask scheduled(Step step) {
    return Runs.scheduled(step);
  }

  private static List<String> types(Step step) {
    return step.events().stream().map(HistoryEvent::type).toList();
  }

  private static Instant at(long seconds) {
    return Runs.START.plusSeconds(seconds);
  }

  @Test
  void shouldScheduleTaskWithParametersAndApplyItsResult() {
    Execution execution =
        start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::activity:check",
              "Parameters": {"id.$": "$.order"}, "ResultSelector": {"ok.$": "$.approved"},
              "ResultPath": "$.check", "End": true}}}
            """,
            "{\"order\": 42}");
    Effect.ScheduleTask task = scheduled(started);

    Step done =
        execution.handle(
            new Command.CompleteTask(task.token(), Runs.json("{\"approved\": true}"), at(3)));

    assertThat(task.resource()).isEqualTo("arn:aws:states:::activity:check");
    assertThat(task.input()).isEqualTo(Runs.json("{\"id\": 42}"));
    assertThat(types(started))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled");
    assertThat(types(done))
        .containsExactly("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(execution.output())
        .hasValue(Runs.json("{\"order\": 42, \"check\": {\"ok\": true}}"));
  }

  @Test
  void shouldRetryFailedTaskWithNewToken() {
    Execution execution =
        start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
              "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 4, "MaxAttempts": 1}],
              "End": true}}}
            """,
            "{}");
    Effect.ScheduleTask first = scheduled(started);

    Step failed = execution.handle(new Command.FailTask(first.token(), "Busy", "try later", at(1)));
    Effect.ArmTimer backoff = (Effect.ArmTimer) failed.effects().get(0);
    Step retried = execution.handle(new Command.FireTimer(backoff.timerId(), backoff.dueAt()));
    Effect.ScheduleTask second = scheduled(retried);
    execution.handle(new Command.CompleteTask(second.token(), Runs.json("\"ok\""), at(6)));

    assertThat(backoff.dueAt()).isEqualTo(at(5));
    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output()).hasValue(Runs.json("\"ok\""));
  }

  @Test
  void shouldTimeOutTaskCancelItAndLetCatchHandleIt() {
    Execution execution =
        start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "r", "TimeoutSeconds": 5,
                    "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"}], "End": true},
              "Late": {"Type": "Pass", "End": true}}}
            """,
            "{}");
    Effect.ScheduleTask task = scheduled(started);
    Effect.ArmTimer timeout =
        started.effects().stream()
            .filter(Effect.ArmTimer.class::isInstance)
            .map(Effect.ArmTimer.class::cast)
            .findFirst()
            .orElseThrow();

    Step timedOut = execution.handle(new Command.FireTimer(timeout.timerId(), timeout.dueAt()));

    assertThat(timeout.dueAt()).isEqualTo(at(5));
    assertThat(timedOut.effects()).contains(new Effect.CancelTask(task.token()));
    assertThat(types(timedOut)).startsWith("TaskTimedOut", "TaskStateExited", "PassStateEntered");
    assertThat(execution.output())
        .hasValue(Runs.json("{\"Error\": \"States.Timeout\", \"Cause\": \"The task timed out.\"}"));
    assertThatThrownBy(
            () -> execution.handle(new Command.CompleteTask(task.token(), Runs.json("1"), at(6))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no task with token");
  }

  @Test
  void shouldRenewHeartbeatAndTimeOutWhenHeartbeatsStop() {
    Execution execution =
        start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "HeartbeatSeconds": 3, "End": true}}}
            """,
            "{}");
    Effect.ScheduleTask task = scheduled(started);
    Effect.ArmTimer firstDeadline = (Effect.ArmTimer) started.effects().get(1);

    Step renewed = execution.handle(new Command.HeartbeatTask(task.token(), at(2)));
    Step stale =
        execution.handle(new Command.FireTimer(firstDeadline.timerId(), firstDeadline.dueAt()));
    Effect.ArmTimer secondDeadline = (Effect.ArmTimer) renewed.effects().get(0);
    execution.handle(new Command.FireTimer(secondDeadline.timerId(), secondDeadline.dueAt()));

    assertThat(stale.events()).isEmpty();
    assertThat(secondDeadline.dueAt()).isEqualTo(at(5));
    assertThat(execution.error()).hasValue("States.HeartbeatTimeout");
  }

  @Test
  void shouldGiveJsonataTaskItsArgumentsAndResult() {
    Execution execution =
        start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
              "Arguments": {"n": "{% $states.input.n * 2 %}"}, "Output": "{% $states.result.sum %}", "End": true}}}
            """,
            "{\"n\": 21}");
    Effect.ScheduleTask task = scheduled(started);

    execution.handle(new Command.CompleteTask(task.token(), Runs.json("{\"sum\": 50}"), at(1)));

    assertThat(task.input()).isEqualTo(Runs.json("{\"n\": 42}"));
    assertThat(execution.output()).hasValue(Runs.json("50"));
  }

  @Test
  void shouldCancelTasksOfOtherBranchesWhenOneBranchFails() {
    Execution execution =
        start(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "slow", "End": true}}},
              {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Task", "Resource": "inner", "End": true}}}}}},
              {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Broken"}}}]}}}
            """,
            "{\"items\": [1]}");

    assertThat(execution.error()).hasValue("Broken");
    List<Effect.CancelTask> cancelled =
        started.effects().stream()
            .filter(Effect.CancelTask.class::isInstance)
            .map(Effect.CancelTask.class::cast)
            .toList();
    assertThat(cancelled).hasSize(2);
  }
}
