package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad data fails a state with a States.* error; it never leaves an execution stuck. */
class ReviewFindingsTest {

  @Test
  void shouldFailWithRuntimeErrorWhenPathFunctionCannotRunOnTheData() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "$.a.sum()"}, "End": true}}}
            """,
            "{\"a\": []}");

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.execution().error()).hasValue("States.Runtime");
  }

  @Test
  void shouldFailWhenMaxConcurrencyIsNegative() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrencyPath": "$.n",
              "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{\"n\": -1, \"items\": [1]}");

    assertThat(result.execution().error()).hasValue("States.Runtime");
    assertThat(result.execution().cause().orElseThrow())
        .contains("MaxConcurrency must be between 0");
  }

  @Test
  void shouldFailStateWhenItsCatcherCannotPlaceTheError() {
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.a.b", "Next": "Done"}], "End": true},
              "Done": {"Type": "Succeed"}}}
            """,
            "{\"a\": 1}");

    run.execution()
        .handle(
            new Command.FailTask(Runs.scheduled(run.started()).token(), "Oops", "", Runs.START));

    assertThat(run.execution().error()).hasValue("States.ResultPathMatchFailure");
  }

  @Test
  void shouldFailWithResultWriterFailedWhenWritingFails() {
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ResultWriter": {"Resource": "w"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "[1]");

    run.execution()
        .handle(
            new Command.FailTask(
                Runs.scheduled(run.started()).token(), "S3.Denied", "no", Runs.START));

    assertThat(run.execution().error()).hasValue("States.ResultWriterFailed");
  }

  @Test
  void shouldGiveTheExecutionsTimeToJsonataNow() {
    LocalRun.Result result =
        Runs.run(
            """
            {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $now() %}", "End": true}}}
            """,
            "{}");

    assertThat(result.execution().output()).hasValue(Runs.json("\"" + Runs.START + "\""));
  }

  @Test
  void shouldAssignFromCatcherAndWaitStatesInJsonPathMode() {
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "W", "States": {
              "W": {"Type": "Wait", "Seconds": 0, "Assign": {"step": "waited"}, "Next": "T"},
              "T": {"Type": "Task", "Resource": "r",
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Assign": {"err.$": "$.Error"}, "Next": "Out"}],
                    "End": true},
              "Out": {"Type": "Pass", "Parameters": {"step.$": "$step", "err.$": "$err"}, "End": true}}}
            """,
            "{}");

    run.execution()
        .handle(
            new Command.FailTask(Runs.scheduled(run.started()).token(), "Boom", "", Runs.START));

    assertThat(run.execution().output())
        .hasValue(Runs.json("{\"step\": \"waited\", \"err\": \"Boom\"}"));
  }

  @Test
  void shouldLetTaskFailedCatchHeartbeatTimeouts() {
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "r", "HeartbeatSeconds": 1,
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Out"}], "End": true},
              "Out": {"Type": "Succeed"}}}
            """,
            "{}");
    Effect.ArmTimer heartbeat =
        run.started().effects().stream()
            .filter(Effect.ArmTimer.class::isInstance)
            .map(Effect.ArmTimer.class::cast)
            .findFirst()
            .orElseThrow();

    run.execution().handle(new Command.FireTimer(heartbeat.timerId(), heartbeat.dueAt()));

    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }
}
