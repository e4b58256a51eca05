package io.pipeline.asl.inspect;

import static io.pipeline.asl.inspect.Trials.refused;
import static io.pipeline.asl.inspect.Trials.tested;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.asl.inspect.StateTestOutcome.Refused;
import io.pipeline.asl.inspect.StateTestOutcome.Refused.Reason;
import io.pipeline.asl.parse.Diagnostic;
import io.pipeline.asl.parse.DiagnosticCodes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a state test refuses, and how it says what is wrong and where. */
class RefusedStateTestTest {

  private static final String LAMBDA =
      "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}";

  private static final String PASS = "{\"Type\": \"Pass\", \"End\": true}";

  private static Diagnostic only(Refused refused) {
    assertThat(refused.reason()).isEqualTo(Reason.INVALID_DEFINITION);
    assertThat(refused.diagnostics()).hasSize(1);
    return refused.diagnostics().get(0);
  }

  @Test
  void shouldRefuseADefinitionThatIsNotJson() {
    Diagnostic problem = only(refused(StateTest.of("{\"Type\": ")));

    assertThat(problem.code()).isEqualTo("INVALID_JSON");
  }

  @Test
  void shouldPointAtTheStateWhenItLacksNextAndEnd() {
    Diagnostic problem = only(refused(StateTest.of("{\"Type\": \"Pass\"}")));

    assertThat(problem.code()).isEqualTo(DiagnosticCodes.MISSING_NEXT);
    assertThat(problem.location()).isEmpty();
  }

  @Test
  void shouldPointIntoTheStateAtWhatIsWrong() {
    Refused badPath =
        refused(StateTest.of("{\"Type\": \"Pass\", \"InputPath\": \"no path\", \"End\": true}"));
    Refused badType = refused(StateTest.of("{\"Type\": \"Loop\", \"End\": true}"));
    Refused badCatcher =
        refused(
            StateTest.of(
                "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                    + " \"End\": true, \"Catch\": [{\"Next\": \"X\"}]}"));

    assertThat(only(badPath).location()).isEqualTo("/InputPath");
    assertThat(only(badType).location()).isEqualTo("/Type");
    assertThat(only(badCatcher).location()).isEqualTo("/Catch/0");
    assertThat(only(badCatcher).code()).isEqualTo(DiagnosticCodes.MISSING_ERROR_EQUALS);
    assertThat(badCatcher.message()).contains("/Catch/0");
  }

  @Test
  void shouldLetTransitionsNameStatesThatAreNotGiven() {
    StateTestResult result =
        tested(
            StateTest.of(
                """
                {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Somewhere"}],
                 "Default": "Elsewhere"}
                """));

    assertThat(result.nextState()).hasValue("Elsewhere");
  }

  @Test
  void shouldRefuseMapAndParallelStatesAtTheirType() {
    Diagnostic parallel =
        only(
            refused(
                StateTest.of(
                    """
                    {"Type": "Parallel", "End": true, "Branches": [
                      {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}]}
                    """)));
    Diagnostic map =
        only(
            refused(
                StateTest.of(
                        """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
                        """)
                    .withStateName("M")));

    assertThat(parallel.code()).isEqualTo(StateTester.NOT_TESTABLE);
    assertThat(parallel.location()).isEqualTo("/Type");
    assertThat(parallel.message()).contains("Map or Parallel");
    assertThat(map.location()).isEqualTo("/States/M/Type");
  }

  @Test
  void shouldRefuseInputThatIsNotJson() {
    Refused refused = refused(StateTest.of(PASS).withInput("{\"a\": "));

    assertThat(refused.reason()).isEqualTo(Reason.INVALID_INPUT);
    assertThat(refused.message()).startsWith("Invalid State Machine Execution Input: ");
  }

  @Test
  void shouldRefuseVariablesThatAreNotAJsonObject() {
    Refused array = refused(StateTest.of(PASS).withVariables("[1]"));
    Refused text = refused(StateTest.of(PASS).withVariables("x = 1"));

    assertThat(array.reason()).isEqualTo(Reason.INVALID_INPUT);
    assertThat(array.message()).contains("variables").contains("[1]");
    assertThat(text.reason()).isEqualTo(Reason.INVALID_INPUT);
    assertThat(text.message()).contains("not JSON");
  }

  @Test
  void shouldRefuseAMockForAStateWithoutATask() {
    Refused refused = refused(StateTest.of(PASS).withMock(StateTest.Mock.result("{}")));

    assertThat(refused.reason()).isEqualTo(Reason.INVALID_REQUEST);
    assertThat(refused.message())
        .isEqualTo("State type 'Pass' is not supported when a mock is specified");
  }

  @Test
  void shouldRefuseAMockWithBothOrNeitherOfResultAndErrorOutput() {
    StateTest.Mock both =
        new StateTest.Mock(
            Optional.of("{}"),
            Optional.of(new StateTest.ErrorOutput(Optional.of("E"), Optional.empty())));
    StateTest.Mock neither = new StateTest.Mock(Optional.empty(), Optional.empty());

    assertThat(refused(StateTest.of(LAMBDA).withMock(both)).message())
        .contains("only one of the following fields: [result, errorOutput]");
    assertThat(refused(StateTest.of(LAMBDA).withMock(neither)).message())
        .contains("needs one of the following fields");
  }

  @Test
  void shouldRefuseAMockedResultThatIsNotJsonAndAnErrorOutputWithoutError() {
    StateTest.Mock noError =
        new StateTest.Mock(
            Optional.empty(),
            Optional.of(new StateTest.ErrorOutput(Optional.empty(), Optional.of("why"))));

    assertThat(refused(StateTest.of(LAMBDA).withMock(StateTest.Mock.result("{oops"))).message())
        .startsWith("The mock's result is not JSON");
    assertThat(refused(StateTest.of(LAMBDA).withMock(noError)).message())
        .contains("needs an error");
  }

  @Test
  void shouldRefuseToRevealSecretsWithAMock() {
    Refused refused =
        refused(StateTest.of(LAMBDA).withMock(StateTest.Mock.result("{}")).withRevealSecrets(true));

    assertThat(refused.message())
        .isEqualTo("TestState does not support RevealSecrets when a mock is specified.");
  }

  @Test
  void shouldRefuseATaskStateWithoutAMockSayingWhatItNeeds() {
    String activity =
        "{\"Type\": \"Task\", \"End\": true,"
            + " \"Resource\": \"arn:aws:states:us-east-1:000000000000:activity:work\"}";
    String callback =
        "{\"Type\": \"Task\", \"End\": true,"
            + " \"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\"}";
    String http =
        "{\"Type\": \"Task\", \"End\": true, \"Resource\": \"arn:aws:states:::http:invoke\"}";

    assertThat(refused(StateTest.of(activity)).message())
        .contains("activity tasks")
        .contains("only when a mock is specified");
    assertThat(refused(StateTest.of(callback)).message()).contains(".waitForTaskToken");
    assertThat(refused(StateTest.of(http)).message()).contains("HTTP Tasks are not supported yet");
    assertThat(refused(StateTest.of(LAMBDA)).message())
        .contains("arn:aws:states:::lambda:invoke")
        .contains("mock");
    assertThat(refused(StateTest.of(LAMBDA)).reason()).isEqualTo(Reason.INVALID_REQUEST);
  }

  @Test
  void shouldAskForTheRoleOfATaskStateWithoutAMock() {
    Refused refused = refused(StateTest.of(LAMBDA), Trials.identity(null));

    assertThat(refused.message()).isEqualTo("RoleArn must be specified when testing a Task state");
  }

  @Test
  void shouldRefuseAStateNameTheDefinitionDoesNotHave() {
    Refused refused =
        refused(
            StateTest.of("{\"StartAt\": \"A\", \"States\": {\"A\": " + PASS + "}}")
                .withStateName("B"));

    assertThat(refused.reason()).isEqualTo(Reason.INVALID_REQUEST);
    assertThat(refused.message()).contains("'B'");
  }

  @Test
  void shouldRefuseANegativeRetryCount() {
    Refused refused = refused(StateTest.of(PASS).withRetrierRetryCount(-1));

    assertThat(refused.reason()).isEqualTo(Reason.INVALID_REQUEST);
  }
}
