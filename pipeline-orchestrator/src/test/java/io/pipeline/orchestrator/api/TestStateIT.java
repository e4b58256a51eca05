package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.Sfn.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionData;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState through the AWS SDK: the answers at INFO and DEBUG, and the errors AWS gives. */
@ExtendWith(OrchestratorExtension.class)
class TestStateIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PASS =
      """
      {"Type": "Pass", "InputPath": "$.data", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"},
       "ResultPath": "$.result", "Next": "Report"}
      """;

  private static final String INPUT = "{\"data\": {\"n\": 21}, \"id\": \"a-1\"}";

  private static final String LAMBDA_WITH_ERROR_HANDLING =
      """
      {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
       "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2}],
       "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}]}
      """;

  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    sfn = running.sfn();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void shouldAnswerStatusOutputAndNextStateAtInfo() throws Exception {
    TestStateResponse answer = sfn.testState(b -> b.definition(PASS).roleArn(ROLE).input(INPUT));

    assertThat(answer.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(json(answer.output()))
        .isEqualTo(json("{\"data\": {\"n\": 21}, \"id\": \"a-1\", \"result\": {\"doubled\": 42}}"));
    assertThat(answer.nextState()).isEqualTo("Report");
    assertThat(answer.error()).isNull();
    assertThat(answer.inspectionData()).isNull();
  }

  @Test
  void shouldShowEachStepOfTheDataFlowAtDebug() throws Exception {
    TestStateResponse answer =
        sfn.testState(
            b ->
                b.definition(PASS)
                    .roleArn(ROLE)
                    .input(INPUT)
                    .inspectionLevel(InspectionLevel.DEBUG));

    InspectionData data = answer.inspectionData();
    assertThat(json(data.input())).isEqualTo(json(INPUT));
    assertThat(json(data.afterInputPath())).isEqualTo(json("{\"n\": 21}"));
    assertThat(json(data.afterParameters())).isEqualTo(json("{\"doubled\": 42}"));
    assertThat(json(data.afterResultSelector())).isEqualTo(json("{\"doubled\": 42}"));
    assertThat(json(data.afterResultPath())).isEqualTo(json(answer.output()));
    assertThat(data.result()).isNull();
    assertThat(data.afterArguments()).isNull();
    assertThat(answer.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
  }

  @Test
  void shouldShowJsonataArgumentsResultAndVariablesOfAMockedTask() throws Exception {
    TestStateResponse answer =
        sfn.testState(
            b ->
                b.definition(
                        """
                        {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                         "Arguments": {"FunctionName": "price", "Payload": {"sku": "{% $states.input.sku %}"}},
                         "Assign": {"price": "{% $states.result.Payload.price * $rate %}"},
                         "Output": "{% $states.result.Payload %}", "Next": "Bill"}
                        """)
                    .input("{\"sku\": \"x-1\"}")
                    .variables("{\"rate\": 2}")
                    .mock(m -> m.result("{\"Payload\": {\"price\": 5}}"))
                    .inspectionLevel(InspectionLevel.DEBUG));

    InspectionData data = answer.inspectionData();
    assertThat(json(data.afterArguments()))
        .isEqualTo(json("{\"FunctionName\": \"price\", \"Payload\": {\"sku\": \"x-1\"}}"));
    assertThat(json(data.result())).isEqualTo(json("{\"Payload\": {\"price\": 5}}"));
    assertThat(json(data.variables())).isEqualTo(json("{\"rate\": 2, \"price\": 10}"));
    assertThat(json(answer.output())).isEqualTo(json("{\"price\": 5}"));
    assertThat(answer.nextState()).isEqualTo("Bill");
  }

  @Test
  void shouldReportACaughtErrorAndARetriableOne() throws Exception {
    TestStateResponse caught =
        sfn.testState(
            b ->
                b.definition(LAMBDA_WITH_ERROR_HANDLING)
                    .input("{\"id\": 7}")
                    .mock(m -> m.errorOutput(e -> e.error("Lambda.Unknown").cause("no such thing")))
                    .inspectionLevel(InspectionLevel.DEBUG));
    TestStateResponse retriable =
        sfn.testState(
            b ->
                b.definition(LAMBDA_WITH_ERROR_HANDLING)
                    .mock(m -> m.errorOutput(e -> e.error("Lambda.TooManyRequestsException")))
                    .inspectionLevel(InspectionLevel.DEBUG));

    assertThat(caught.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(caught.error()).isEqualTo("Lambda.Unknown");
    assertThat(caught.cause()).isEqualTo("no such thing");
    assertThat(caught.nextState()).isEqualTo("Recover");
    assertThat(json(caught.output()))
        .isEqualTo(
            json(
                "{\"id\": 7, \"error\": {\"Error\": \"Lambda.Unknown\", \"Cause\": \"no such thing\"}}"));
    assertThat(caught.inspectionData().errorDetails().catchIndex()).isZero();
    assertThat(retriable.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
    assertThat(retriable.error()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(retriable.inspectionData().errorDetails().retryIndex()).isZero();
    assertThat(retriable.inspectionData().errorDetails().retryBackoffIntervalSeconds())
        .isEqualTo(2);
    assertThat(retriable.output()).isNull();
  }

  @Test
  void shouldAnswerAFailStateWithItsErrorAndCause() {
    TestStateResponse answer =
        sfn.testState(
            b ->
                b.definition(
                    "{\"Type\": \"Fail\", \"Error\": \"Rejected\", \"Cause\": \"too big\"}"));

    assertThat(answer.status()).isEqualTo(TestExecutionStatus.FAILED);
    assertThat(answer.error()).isEqualTo("Rejected");
    assertThat(answer.cause()).isEqualTo("too big");
    assertThat(answer.output()).isNull();
  }

  @Test
  void shouldRefuseAMalformedStateWithInvalidDefinitionSayingWhatAndWhere() {
    assertThatThrownBy(
            () ->
                sfn.testState(
                    b ->
                        b.definition("{\"Type\": \"Pass\", \"InputPath\": \"data\", \"End\": true}")
                            .roleArn(ROLE)))
        .isInstanceOfSatisfying(
            InvalidDefinitionException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .startsWith("Invalid State Machine Definition: ")
                  .contains("at /InputPath");
            });
    assertThatThrownBy(() -> sfn.testState(b -> b.definition("{\"Type\": \"Pass\"}")))
        .isInstanceOfSatisfying(
            InvalidDefinitionException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("MISSING_NEXT at /"));
  }

  @Test
  void shouldRefuseMapAndParallelStatesWithInvalidDefinition() {
    assertThatThrownBy(
            () ->
                sfn.testState(
                    b ->
                        b.definition(
                            """
                            {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "P",
                              "States": {"P": {"Type": "Pass", "End": true}}}}
                            """)))
        .isInstanceOfSatisfying(
            InvalidDefinitionException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .contains("Map or Parallel")
                    .contains("at /Type"));
  }

  @Test
  void shouldRefuseInputThatIsNotJson() {
    assertThatThrownBy(
            () -> sfn.testState(b -> b.definition(PASS).roleArn(ROLE).input("{\"data\": ")))
        .isInstanceOfSatisfying(
            InvalidExecutionInputException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void shouldRefuseATaskWithoutAMockAndAMalformedRole() {
    assertThatThrownBy(
            () ->
                sfn.testState(
                    b ->
                        b.definition(
                                "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::http:invoke\","
                                    + " \"End\": true}")
                            .roleArn(ROLE)
                            .inspectionLevel(InspectionLevel.TRACE)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .contains("HTTP Tasks are not supported yet"));
    assertThatThrownBy(() -> sfn.testState(b -> b.definition(PASS).roleArn("role/admin")))
        .isInstanceOf(InvalidArnException.class);
  }
}
