package io.pipeline.asl.inspect;

import static io.pipeline.asl.inspect.Trials.debug;
import static io.pipeline.asl.inspect.Trials.json;
import static io.pipeline.asl.inspect.Trials.tested;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TestState of JSONata states: Arguments, Output, Assign and the variables given. */
class JsonataStateTestTest {

  @Test
  void shouldComputeOutputAndShowTheVariablesAfterAssign() {
    StateTestResult result =
        debug(
            StateTest.of(
                    """
                    {"Type": "Pass", "QueryLanguage": "JSONata",
                     "Output": {"sum": "{% $sum($states.input.xs) + $base %}"},
                     "Assign": {"count": "{% $count($states.input.xs) %}"}, "Next": "N"}
                    """)
                .withInput("{\"xs\": [1, 2, 3]}")
                .withVariables("{\"base\": 10}"));

    Inspection inspection = result.inspection().orElseThrow();
    assertThat(result.output()).hasValue(json("{\"sum\": 16}"));
    assertThat(result.nextState()).hasValue("N");
    assertThat(inspection.input()).isEqualTo(json("{\"xs\": [1, 2, 3]}"));
    assertThat(inspection.variables()).hasValue(json("{\"base\": 10, \"count\": 3}"));
    assertThat(inspection.afterInputPath()).isEmpty();
    assertThat(inspection.afterArguments()).isEmpty();
    assertThat(inspection.result()).isEmpty();
  }

  @Test
  void shouldGoToTheChoiceWhoseConditionHolds() {
    String choice =
        """
        {"Type": "Choice", "QueryLanguage": "JSONata",
         "Choices": [{"Condition": "{% $states.input.cost > 10 %}", "Next": "Ask"}],
         "Default": "Approve"}
        """;

    assertThat(tested(StateTest.of(choice).withInput("{\"cost\": 11}")).nextState())
        .hasValue("Ask");
    assertThat(tested(StateTest.of(choice).withInput("{\"cost\": 9}")).nextState())
        .hasValue("Approve");
  }

  @Test
  void shouldShowTheArgumentsAndResultOfAMockedTask() {
    StateTest test =
        StateTest.of(
                """
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::http:invoke",
                 "Arguments": {"Method": "POST", "RequestBody": "{% $states.input %}"},
                 "Output": "{% $merge([$states.input, $states.result]) %}", "Next": "Check"}
                """)
            .withInput("{\"cost\": 10}")
            .withMock(StateTest.Mock.result("{\"approval\": true}"));

    StateTestResult debug = debug(test);
    StateTestResult trace = tested(test.withInspectionLevel(InspectionLevel.TRACE));

    Inspection inspection = debug.inspection().orElseThrow();
    assertThat(inspection.afterArguments())
        .hasValue(json("{\"Method\": \"POST\", \"RequestBody\": {\"cost\": 10}}"));
    assertThat(inspection.result()).hasValue(json("{\"approval\": true}"));
    assertThat(inspection.afterInputPath()).isEmpty();
    assertThat(inspection.afterParameters()).isEmpty();
    assertThat(inspection.afterResultSelector()).isEmpty();
    assertThat(inspection.afterResultPath()).isEmpty();
    assertThat(debug.output()).hasValue(json("{\"cost\": 10, \"approval\": true}"));
    assertThat(debug.nextState()).hasValue("Check");
    assertThat(trace.inspection()).isEqualTo(debug.inspection());
  }

  @Test
  void shouldFailWithTheErrorAndCauseItsExpressionsGive() {
    StateTestResult result =
        tested(
            StateTest.of(
                    """
                    {"Type": "Fail", "QueryLanguage": "JSONata",
                     "Error": "{% $states.input.code %}", "Cause": "{% 'because ' & $why %}"}
                    """)
                .withInput("{\"code\": \"E42\"}")
                .withVariables("{\"why\": \"it must\"}"));

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).hasValue("E42");
    assertThat(result.cause()).hasValue("because it must");
  }

  @Test
  void shouldFailWithQueryEvaluationErrorWhenAnExpressionGivesNothing() {
    StateTestResult result =
        tested(
            StateTest.of(
                "{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\","
                    + " \"Output\": \"{% $states.input.missing %}\", \"End\": true}"));

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).hasValue("States.QueryEvaluationError");
    assertThat(result.output()).isEmpty();
  }
}
