package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Retry, Catch, the States.* errors and the limits. */
class ErrorHandlingTest {

  private static String failingParallel(String retry) {
    return """
        {"StartAt": "P", "States": {
          "P": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Flaky"}}}],
                "Retry": [%s], "End": true}}}
        """
        .formatted(retry);
  }

  @Test
  void shouldRetryWithExponentialBackoff() {
    LocalRun.Result result =
        Runs.run(
            failingParallel(
                "{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 2, \"BackoffRate\": 3, \"MaxAttempts\": 2}"),
            "{}");

    assertThat(History.secondsOf(result, "ParallelStateStarted")).containsExactly(0L, 2L, 8L);
    assertThat(result.execution().error()).hasValue("Flaky");
  }

  @Test
  void shouldCapBackoffAtMaxDelay() {
    LocalRun.Result result =
        Runs.run(
            failingParallel(
                "{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 10, \"BackoffRate\": 10,"
                    + " \"MaxAttempts\": 3, \"MaxDelaySeconds\": 30}"),
            "{}");

    assertThat(History.secondsOf(result, "ParallelStateStarted"))
        .containsExactly(0L, 10L, 40L, 70L);
  }

  @Test
  void shouldJitterBackoffWithinTheIntervalAndReplayTheSameJitter() {
    String definition =
        failingParallel(
            "{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 100, \"BackoffRate\": 1,"
                + " \"MaxAttempts\": 3, \"JitterStrategy\": \"FULL\"}");

    LocalRun.Result first = Runs.run(definition, "{}");
    LocalRun.Result again = Runs.run(definition, "{}");

    List<Long> starts = History.secondsOf(first, "ParallelStateStarted");
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).isBetween(0L, 100L);
    }
    assertThat(starts).isNotEqualTo(List.of(0L, 100L, 200L, 300L));
    assertThat(History.secondsOf(again, "ParallelStateStarted")).isEqualTo(starts);
  }

  @Test
  void shouldCatchIntoResultPathAndGoOn() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "why"}}}],
                    "Catch": [{"ErrorEquals": ["E"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
              "Handled": {"Type": "Pass", "End": true}}}
            """,
            "{\"id\": 1}");

    assertThat(result.execution().output())
        .hasValue(Runs.json("{\"id\": 1, \"error\": {\"Error\": \"E\", \"Cause\": \"why\"}}"));
  }

  @Test
  void shouldNotLetStatesAllCatchRuntimeErrors() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {
                      "X": {"Type": "Pass", "InputPath": "$.missing", "End": true}}}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
              "Handled": {"Type": "Pass", "End": true}}}
            """,
            "{}");

    assertThat(result.execution().error()).hasValue("States.Runtime");
    assertThat(result.execution().cause().orElseThrow())
        .startsWith("An error occurred while executing the state 'X' (entered at the event id #")
        .contains("Invalid path '$.missing'");
  }

  @Test
  void shouldFailWithDataLimitExceededWhenOutputIsOver256KiB() {
    String big = "x".repeat(300_000);
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"big.$": "$.text"}, "End": true}}}
            """,
            "{\"text\": \"" + big + "\"}");

    assertThat(result.execution().error()).hasValue("States.DataLimitExceeded");
  }

  @Test
  void shouldTimeOutExecutionAfterItsTimeoutSeconds() {
    LocalRun.Result result =
        Runs.run(
            """
            {"TimeoutSeconds": 10, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "End": true}}}
            """,
            "{}");

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(result.execution().error()).hasValue("States.Timeout");
    assertThat(History.secondsOf(result, "ExecutionTimedOut")).containsExactly(10L);
  }

  @Test
  void shouldSpreadLongLoopsOverSeveralCommands() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "Count", "States": {
              "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Check"},
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 3000, "Next": "Count"}],
                        "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """,
            "{\"n\": 0}");

    assertThat(result.execution().output()).hasValue(Runs.json("{\"n\": 3000}"));
  }

  @Test
  void shouldStartLargeMapsOverSeveralCommands() {
    StringBuilder items = new StringBuilder("[0");
    for (int i = 1; i < 5000; i++) {
      items.append(',').append(i);
    }
    items.append(']');
    String definition =
        """
        {"StartAt": "M", "States": {"M": {"Type": "Map",
          "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
        """;

    Runs.Started first = Runs.start(definition, items.toString());
    LocalRun.Result all = Runs.run(definition, items.toString());

    assertThat(first.started().effects()).hasSizeLessThanOrEqualTo(2);
    assertThat(first.started().events()).hasSizeLessThan(5_000);
    assertThat(all.execution().output().orElseThrow().size()).isEqualTo(5000);
  }
}
