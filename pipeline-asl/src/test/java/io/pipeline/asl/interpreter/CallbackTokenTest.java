package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code $$.Task.Token}: the callback token a {@code .waitForTaskToken} Task passes on. */
class CallbackTokenTest {

  @Test
  void shouldGiveAWaitForTaskTokenTaskItsTokenInTheContextObject() {
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
              "Resource": "arn:aws:states:::kafka:produce.waitForTaskToken",
              "Parameters": {"Topic": "approvals", "Value": {"token.$": "$$.Task.Token"}},
              "End": true}}}
            """,
            "{}");
    Effect.ScheduleTask task = Runs.scheduled(run.started());

    assertThat(task.input().path("Value").path("token").asText()).isEqualTo(task.token());
    run.execution()
        .handle(
            new Command.CompleteTask(task.token(), Runs.json("{\"approved\": true}"), Runs.START));
    assertThat(run.execution().output()).contains(Runs.json("{\"approved\": true}"));
  }

  @Test
  void shouldGiveJsonataTheTokenToo() {
    Runs.Started run =
        Runs.start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Ask", "States": {"Ask": {"Type": "Task",
              "Resource": "arn:aws:states:::kafka:produce.waitForTaskToken",
              "Arguments": {"Topic": "approvals", "Value": "{% $states.context.Task.Token %}"},
              "End": true}}}
            """,
            "{}");
    Effect.ScheduleTask task = Runs.scheduled(run.started());

    assertThat(task.input().path("Value").asText()).isEqualTo(task.token());
  }

  @Test
  void shouldLeaveTheTokenOutOfTheContextOfACallThatWaitsForNoCallback() {
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "r",
              "Parameters": {"context.$": "$$"}, "End": true}}}
            """,
            "{}");

    assertThat(Runs.scheduled(run.started()).input().path("context").has("Task")).isFalse();
  }
}
