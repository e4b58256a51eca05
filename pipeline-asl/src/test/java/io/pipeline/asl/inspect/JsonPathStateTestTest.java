package io.pipeline.asl.inspect;

import static io.pipeline.asl.inspect.Trials.debug;
import static io.pipeline.asl.inspect.Trials.inspection;
import static io.pipeline.asl.inspect.Trials.json;
import static io.pipeline.asl.inspect.Trials.tested;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TestState of JSONPath states: each state type, and each step of the data flow at DEBUG. */
class JsonPathStateTestTest {

  private static final String IO_PASS =
      """
      {"Type": "Pass", "InputPath": "$.data", "Parameters": {"v.$": "$.x", "k": "const"},
       "ResultPath": "$.out", "OutputPath": "$.out", "Next": "After"}
      """;

  private static final String MOCKED_TASK =
      """
      {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.in",
       "Parameters": {"FunctionName": "f", "Payload.$": "$"},
       "ResultSelector": {"body.$": "$.Payload"}, "ResultPath": "$.res", "OutputPath": "$.res",
       "Next": "Use"}
      """;

  @Test
  void shouldShowEachStepOfAPassStatesDataFlowAtDebug() {
    StateTestResult result =
        debug(StateTest.of(IO_PASS).withInput("{\"data\": {\"x\": 1}, \"other\": 2}"));

    Inspection inspection = result.inspection().orElseThrow();
    assertThat(inspection.input()).isEqualTo(json("{\"data\": {\"x\": 1}, \"other\": 2}"));
    assertThat(inspection.afterInputPath()).hasValue(json("{\"x\": 1}"));
    assertThat(inspection.afterParameters()).hasValue(json("{\"v\": 1, \"k\": \"const\"}"));
    assertThat(inspection.result()).isEmpty();
    assertThat(inspection.afterResultSelector()).hasValue(json("{\"v\": 1, \"k\": \"const\"}"));
    assertThat(inspection.afterResultPath())
        .hasValue(
            json("{\"data\": {\"x\": 1}, \"other\": 2, \"out\": {\"v\": 1, \"k\": \"const\"}}"));
    assertThat(inspection.afterArguments()).isEmpty();
    assertThat(inspection.variables()).isEmpty();
    assertThat(inspection.errorDetails()).isEmpty();
    assertThat(result.status()).isEqualTo(TestStatus.SUCCEEDED);
    assertThat(result.output()).hasValue(json("{\"v\": 1, \"k\": \"const\"}"));
    assertThat(result.nextState()).hasValue("After");
  }

  @Test
  void shouldShowAPassStateWithResultByItsResultAlone() {
    Inspection inspection =
        inspection(
            StateTest.of(
                    "{\"Type\": \"Pass\", \"Result\": {\"r\": true}, \"ResultPath\": \"$.res\","
                        + " \"End\": true}")
                .withInput("{\"a\": 1}"));

    assertThat(inspection.result()).hasValue(json("{\"r\": true}"));
    assertThat(inspection.afterResultSelector()).hasValue(json("{\"r\": true}"));
    assertThat(inspection.afterResultPath()).hasValue(json("{\"a\": 1, \"res\": {\"r\": true}}"));
    assertThat(inspection.afterInputPath()).isEmpty();
    assertThat(inspection.afterParameters()).isEmpty();
  }

  @Test
  void shouldAnswerWithoutInspectionDataAtInfo() {
    StateTestResult result = tested(StateTest.of(IO_PASS).withInput("{\"data\": {\"x\": 1}}"));

    assertThat(result.inspection()).isEmpty();
    assertThat(result.output()).hasValue(json("{\"v\": 1, \"k\": \"const\"}"));
  }

  @Test
  void shouldEndWithoutNextStateWhenTheStateEndsItsMachine() {
    StateTestResult result = tested(StateTest.of("{\"Type\": \"Pass\", \"End\": true}"));

    assertThat(result.status()).isEqualTo(TestStatus.SUCCEEDED);
    assertThat(result.output()).hasValue(json("{}"));
    assertThat(result.nextState()).isEmpty();
  }

  @Test
  void shouldGoToTheMatchedChoiceOrTheDefault() {
    String choice =
        """
        {"Type": "Choice", "Choices": [{"Variable": "$.value", "NumericGreaterThan": 20, "Next": "Big"}],
         "Default": "Small"}
        """;

    StateTestResult big = debug(StateTest.of(choice).withInput("{\"value\": 22}"));
    StateTestResult small = tested(StateTest.of(choice).withInput("{\"value\": 3}"));

    assertThat(big.nextState()).hasValue("Big");
    assertThat(big.output()).hasValue(json("{\"value\": 22}"));
    assertThat(big.inspection().orElseThrow().afterInputPath()).hasValue(json("{\"value\": 22}"));
    assertThat(big.inspection().orElseThrow().afterParameters()).isEmpty();
    assertThat(small.nextState()).hasValue("Small");
  }

  @Test
  void shouldFailWithNoChoiceMatchedWhenNoRuleMatchesAndThereIsNoDefault() {
    StateTestResult result =
        tested(
            StateTest.of(
                    "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.ok\","
                        + " \"BooleanEquals\": true, \"Next\": \"Yes\"}]}")
                .withInput("{\"ok\": false}"));

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).hasValue("States.NoChoiceMatched");
    assertThat(result.nextState()).isEmpty();
    assertThat(result.output()).isEmpty();
  }

  @Test
  void shouldSucceedWithTheOutputPathOfTheInputPath() {
    StateTestResult result =
        debug(
            StateTest.of("{\"Type\": \"Succeed\", \"InputPath\": \"$.a\", \"OutputPath\": \"$.b\"}")
                .withInput("{\"a\": {\"b\": 3}}"));

    assertThat(result.output()).hasValue(json("3"));
    assertThat(result.nextState()).isEmpty();
    assertThat(result.inspection().orElseThrow().afterInputPath()).hasValue(json("{\"b\": 3}"));
  }

  @Test
  void shouldFailWithTheFailStatesErrorAndCause() {
    StateTestResult result =
        debug(StateTest.of("{\"Type\": \"Fail\", \"Error\": \"Boom\", \"Cause\": \"why\"}"));

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).hasValue("Boom");
    assertThat(result.cause()).hasValue("why");
    assertThat(result.output()).isEmpty();
    assertThat(result.inspection().orElseThrow().afterInputPath()).hasValue(json("{}"));
  }

  @Test
  void shouldTakeAFailStatesErrorAndCauseFromItsPaths() {
    StateTestResult result =
        tested(
            StateTest.of(
                    "{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\","
                        + " \"CausePath\": \"States.Format('n={}', $.n)\"}")
                .withInput("{\"e\": \"E1\", \"n\": 5}"));

    assertThat(result.error()).hasValue("E1");
    assertThat(result.cause()).hasValue("n=5");
  }

  @Test
  void shouldNotWaitForAWaitState() {
    StateTestResult untilThen =
        tested(
            StateTest.of(
                    "{\"Type\": \"Wait\", \"Timestamp\": \"2999-01-01T00:00:00Z\","
                        + " \"Next\": \"Later\"}")
                .withInput("{\"n\": 1}"));
    StateTestResult forSeconds =
        tested(
            StateTest.of("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}")
                .withInput("{\"s\": 3600}"));

    assertThat(untilThen.status()).isEqualTo(TestStatus.SUCCEEDED);
    assertThat(untilThen.nextState()).hasValue("Later");
    assertThat(untilThen.output()).hasValue(json("{\"n\": 1}"));
    assertThat(forSeconds.status()).isEqualTo(TestStatus.SUCCEEDED);
    assertThat(forSeconds.output()).hasValue(json("{\"s\": 3600}"));
  }

  @Test
  void shouldShowEachStepOfAMockedTasksDataFlow() {
    StateTestResult result =
        debug(
            StateTest.of(MOCKED_TASK)
                .withInput("{\"in\": {\"n\": 1}, \"keep\": true}")
                .withMock(
                    StateTest.Mock.result("{\"Payload\": {\"ok\": 1}, \"StatusCode\": 200}")));

    Inspection inspection = result.inspection().orElseThrow();
    assertThat(inspection.afterInputPath()).hasValue(json("{\"n\": 1}"));
    assertThat(inspection.afterParameters())
        .hasValue(json("{\"FunctionName\": \"f\", \"Payload\": {\"n\": 1}}"));
    assertThat(inspection.result())
        .hasValue(json("{\"Payload\": {\"ok\": 1}, \"StatusCode\": 200}"));
    assertThat(inspection.afterResultSelector()).hasValue(json("{\"body\": {\"ok\": 1}}"));
    assertThat(inspection.afterResultPath())
        .hasValue(json("{\"in\": {\"n\": 1}, \"keep\": true, \"res\": {\"body\": {\"ok\": 1}}}"));
    assertThat(result.output()).hasValue(json("{\"body\": {\"ok\": 1}}"));
    assertThat(result.nextState()).hasValue("Use");
  }

  @Test
  void shouldShowTheVariablesGivenAndAssigned() {
    Inspection inspection =
        inspection(
            StateTest.of("{\"Type\": \"Pass\", \"Assign\": {\"seen.$\": \"$.n\"}, \"Next\": \"X\"}")
                .withInput("{\"n\": 5}")
                .withVariables("{\"before\": 1}"));

    assertThat(inspection.variables()).hasValue(json("{\"before\": 1, \"seen\": 5}"));
  }

  @Test
  void shouldNameTheLoneStateInTheContextObjectAsStepFunctionsDoes() {
    StateTestResult result =
        tested(
            StateTest.of(
                "{\"Type\": \"Pass\", \"Parameters\": {\"state.$\": \"$$.State.Name\","
                    + " \"role.$\": \"$$.Execution.RoleArn\"}, \"End\": true}"));

    assertThat(result.output())
        .hasValue(json("{\"state\": \"StateName\", \"role\": \"" + Trials.ROLE + "\"}"));
  }

  @Test
  void shouldTestTheNamedStateOfAWholeStateMachine() {
    String machine =
        """
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
          "A": {"Type": "Pass", "Next": "B"},
          "B": {"Type": "Pass", "Output": {"doubled": "{% $states.input.n * 2 %}"}, "Next": "C"},
          "C": {"Type": "Succeed"}}}
        """;

    StateTestResult result =
        tested(StateTest.of(machine).withStateName("B").withInput("{\"n\": 4}"));

    assertThat(result.output()).hasValue(json("{\"doubled\": 8}"));
    assertThat(result.nextState()).hasValue("C");
  }

  @Test
  void shouldLetAStateMoveToItself() {
    StateTestResult result =
        tested(
            StateTest.of(
                "{\"Type\": \"Pass\", \"Next\": \"" + StateTester.LONE_STATE_NAME + "\"}"));

    assertThat(result.nextState()).hasValue(StateTester.LONE_STATE_NAME);
  }
}
