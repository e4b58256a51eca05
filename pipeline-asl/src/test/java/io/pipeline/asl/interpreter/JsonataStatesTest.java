package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JSONata-mode states. */
class JsonataStatesTest {

  @Test
  void shouldComputeOutputAndAssignFromStatesInput() {
    LocalRun.Result result =
        Runs.run(
            """
            {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
              "A": {"Type": "Pass", "Assign": {"total": "{% $sum($states.input.prices) %}"}, "Next": "B"},
              "B": {"Type": "Pass", "Output": {"total": "{% $total %}", "count": "{% $count($states.input.prices) %}"}, "End": true}}}
            """,
            "{\"prices\": [1, 2, 3.5]}");

    assertThat(result.execution().output()).hasValue(Runs.json("{\"total\": 6.5, \"count\": 3}"));
  }

  @Test
  void shouldFailWithQueryEvaluationErrorWhenExpressionGivesNothing() {
    LocalRun.Result result =
        Runs.run(
            """
            {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
              "A": {"Type": "Pass", "Output": "{% $states.input.nothing %}", "End": true}}}
            """,
            "{}");

    assertThat(result.execution().error()).hasValue("States.QueryEvaluationError");
    assertThat(result.execution().cause().orElseThrow()).contains("returned nothing (undefined)");
    assertThat(History.types(result))
        .containsExactly(
            "ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed");
  }

  @Test
  void shouldStopRunawayRecursionWithAnError() {
    LocalRun.Result result =
        Runs.run(
            """
            {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
              "A": {"Type": "Pass", "Output": "{% ($f := function($x) { $f($x + 1) }; $f(0)) %}", "End": true}}}
            """,
            "{}");

    assertThat(result.execution().error()).hasValue("States.QueryEvaluationError");
  }

  @Test
  void shouldKeepVariablesOfMapIterationsInsideThem() {
    LocalRun.Result result =
        Runs.run(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"x": 1}, "Next": "M"},
              "M": {"Type": "Map", "Items": [1, 2],
                    "ItemProcessor": {"StartAt": "Inner", "States": {
                      "Inner": {"Type": "Pass", "Assign": {"x": 99}, "Output": "{% $x %}", "End": true}}},
                    "Next": "After"},
              "After": {"Type": "Pass", "Output": "{% $x %}", "End": true}}}
            """,
            "{}");

    assertThat(result.execution().output()).hasValue(Runs.json("1"));
  }

  @Test
  void shouldUseAwsFunctions() {
    LocalRun.Result result =
        Runs.run(
            """
            {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
              "A": {"Type": "Pass", "Output": {
                "parts": "{% $partition([1, 2, 3], 2) %}",
                "parsed": "{% $parse($states.input.text) %}",
                "hash": "{% $hash('abc', 'SHA-256') %}"}, "End": true}}}
            """,
            "{\"text\": \"{\\\"a\\\": 1}\"}");

    assertThat(result.execution().output().orElseThrow().get("parts"))
        .isEqualTo(Runs.json("[[1, 2], [3]]"));
    assertThat(result.execution().output().orElseThrow().get("parsed"))
        .isEqualTo(Runs.json("{\"a\": 1}"));
    assertThat(result.execution().output().orElseThrow().get("hash").asText())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldReplayTheSameUuids() {
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
          "A": {"Type": "Pass", "Output": "{% $uuid() %}", "End": true}}}
        """;

    assertThat(Runs.run(definition, "{}").execution().output())
        .isEqualTo(Runs.run(definition, "{}").execution().output());
  }
}
