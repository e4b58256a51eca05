package io.pipeline.orchestrator.express;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** Express workflows through the official AWS SDK, on the real broker. */
@ExtendWith(OrchestratorExtension.class)
class ExpressIT {

  private static final String SUM =
      """
      {"QueryLanguage": "JSONata", "StartAt": "Sum", "States": {
        "Sum": {"Type": "Pass", "Output": "{% {'total': $sum($states.input.items)} %}",
          "End": true}}}
      """;

  private static String express(OrchestratorFixture orchestrator, String definition) {
    return orchestrator
        .sfn()
        .createStateMachine(
            b ->
                b.name(io.pipeline.localstack.LocalStack.uniqueName("express"))
                    .type(StateMachineType.EXPRESS)
                    .definition(definition)
                    .roleArn(io.pipeline.orchestrator.Sfn.ROLE))
        .stateMachineArn();
  }

  @Test
  void shouldReturnTheOutputOfAJsonataMachineFromStartSyncExecution(
      OrchestratorFixture orchestrator) {
    String machine = express(orchestrator, SUM);

    StartSyncExecutionResponse result =
        orchestrator
            .sfn()
            .startSyncExecution(
                b -> b.stateMachineArn(machine).name("sum").input("{\"items\": [1, 2, 3]}"));

    assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo("{\"total\":6}");
    assertThat(result.executionArn())
        .startsWith(machine.replace(":stateMachine:", ":express:") + ":sum:");
    assertThat(result.stopDate()).isAfterOrEqualTo(result.startDate());
  }

  @Test
  void shouldRunAnAsynchronousStartOnceItIsInKafka(OrchestratorFixture orchestrator)
      throws Exception {
    String machine = express(orchestrator, SUM);

    StartExecutionResponse first =
        orchestrator
            .sfn()
            .startExecution(b -> b.stateMachineArn(machine).input("{\"items\": [1]}"));
    StartExecutionResponse second =
        orchestrator
            .sfn()
            .startExecution(b -> b.stateMachineArn(machine).input("{\"items\": [1]}"));

    assertThat(first.executionArn()).contains(":express:").isNotEqualTo(second.executionArn());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(metrics(orchestrator.apiUri()))
                    .contains(
                        "pipeline_orchestrator_express_executions_total{outcome=\"succeeded\",state_machine=\""
                            + machine
                            + "\"} 2.0"));
  }

  @Test
  void shouldRefuseActivitiesSyncAndCallbacksInExpressDefinitions(
      OrchestratorFixture orchestrator) {
    for (String resource :
        new String[] {
          "arn:aws:states:us-east-1:000000000000:activity:work",
          "arn:aws:states:::states:startExecution.sync",
          "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
        }) {
      assertThatThrownBy(
              () ->
                  express(
                      orchestrator,
                      "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \""
                          + resource
                          + "\", \"End\": true}}}"))
          .isInstanceOf(InvalidDefinitionException.class)
          .hasMessageContaining("Express state machines do not support")
          .hasMessageContaining("/States/T/Resource");
    }
  }

  @Test
  void shouldRefuseStartSyncExecutionOfAStandardMachine(OrchestratorFixture orchestrator) {
    String standard =
        orchestrator.createMachine(
            "standard",
            "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");

    assertThatThrownBy(
            () -> orchestrator.sfn().startSyncExecution(b -> b.stateMachineArn(standard)))
        .isInstanceOf(StateMachineTypeNotSupportedException.class);
  }

  private static String metrics(URI api) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(api.resolve("/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
