package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each state type, through whole executions on the virtual clock. */
class StatesTest {

  @Test
  void shouldMergePassResultIntoInputAtResultPath() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true},
              "ResultPath": "$.check", "End": true}}}
            """,
            "{\"order\": 1}");

    assertThat(result.execution().output())
        .hasValue(Runs.json("{\"order\": 1, \"check\": {\"ok\": true}}"));
    assertThat(History.types(result))
        .containsExactly(
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
  }

  @Test
  void shouldBuildParametersFromPathsContextAndIntrinsics() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.order",
              "Parameters": {"id.$": "$.id", "state.$": "$$.State.Name",
                             "label.$": "States.Format('order {}', $.id)", "fixed": [1, 2]},
              "End": true}}}
            """,
            "{\"order\": {\"id\": 7}}");

    assertThat(result.execution().output())
        .hasValue(
            Runs.json("{\"id\": 7, \"state\": \"P\", \"label\": \"order 7\", \"fixed\": [1, 2]}"));
  }

  @Test
  void shouldDiscardResultWhenResultPathIsNullAndGiveEmptyObjectWhenOutputPathIsNull() {
    LocalRun.Result kept =
        Runs.run(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": null, "End": true}}}
            """,
            "{\"a\": 1}");
    LocalRun.Result emptied =
        Runs.run(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": null, "End": true}}}
            """,
            "{\"a\": 1}");

    assertThat(kept.execution().output()).hasValue(Runs.json("{\"a\": 1}"));
    assertThat(emptied.execution().output()).hasValue(Runs.json("{}"));
  }

  @Test
  void shouldTakeDefaultWhenNoChoiceMatches() {
    String definition =
        """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}],
                "Default": "Small"},
          "Big": {"Type": "Pass", "Result": "big", "End": true},
          "Small": {"Type": "Pass", "Result": "small", "End": true}}}
        """;

    assertThat(Runs.run(definition, "{\"n\": 11}").execution().output())
        .hasValue(Runs.json("\"big\""));
    assertThat(Runs.run(definition, "{\"n\": 3}").execution().output())
        .hasValue(Runs.json("\"small\""));
  }

  @Test
  void shouldFailWithNoChoiceMatchedWhenThereIsNoDefault() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "End"}]},
              "End": {"Type": "Succeed"}}}
            """,
            "{\"n\": 2}");

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.execution().error()).hasValue("States.NoChoiceMatched");
  }

  @Test
  void shouldWaitOnTheVirtualClockWithoutSleeping() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """,
            "{}");

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(History.secondsOf(result, "WaitStateExited")).containsExactly(86400L);
  }

  @Test
  void shouldNotWaitForTimestampInThePast() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.at", "End": true}}}
            """,
            "{\"at\": \"2020-01-01T00:00:00Z\"}");

    assertThat(History.secondsOf(result, "WaitStateExited")).containsExactly(0L);
  }

  @Test
  void shouldFailWithErrorAndCauseReadFromInput() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}}}
            """,
            "{\"e\": \"Boom\", \"c\": \"it broke\"}");

    assertThat(result.execution().error()).hasValue("Boom");
    assertThat(result.execution().cause()).hasValue("it broke");
    assertThat(History.types(result))
        .containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
  }

  @Test
  void shouldGiveBranchOutputsInBranchOrder() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "Next": "A2"},
                                          "A2": {"Type": "Pass", "Result": "a", "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}
            """,
            "{}");

    assertThat(result.execution().output()).hasValue(Runs.json("[\"a\", \"b\"]"));
  }

  @Test
  void shouldGiveEachMapIterationItsItemAndIndex() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
              "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
              "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{\"items\": [\"x\", \"y\", \"z\"]}");

    assertThat(result.execution().output())
        .hasValue(
            Runs.json(
                "[{\"value\": \"x\", \"index\": 0}, {\"value\": \"y\", \"index\": 1}, {\"value\": \"z\", \"index\": 2}]"));
    assertThat(History.types(result).stream().filter("MapIterationSucceeded"::equals)).hasSize(3);
  }

  @Test
  void shouldTolerateMapFailuresUpToThePercentageAndFailBeyondIt() {
    String definition =
        """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailurePercentage": 50,
          "ItemProcessor": {"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "BooleanEquals": true, "Next": "Bad"}],
                  "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "ItemFailed"},
            "Good": {"Type": "Pass", "End": true}}},
          "End": true}}}
        """;

    LocalRun.Result tolerated = Runs.run(definition, "[true, false]");
    LocalRun.Result exceeded = Runs.run(definition, "[true, true, false]");

    assertThat(tolerated.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(exceeded.execution().error()).hasValue("States.ExceedToleratedFailureThreshold");
  }
}
