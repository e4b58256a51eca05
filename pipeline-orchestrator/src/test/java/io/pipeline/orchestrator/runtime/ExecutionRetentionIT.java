package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** A closed execution, its history and its name are kept for the retention after it closed. */
class ExecutionRetentionIT {

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(Map.of("ORCHESTRATOR_HISTORY_RETENTION", "5s"));

  @Test
  void shouldForgetAClosedExecutionAndFreeItsNameOnceTheRetentionPassed(
      OrchestratorFixture orchestrator) {
    SfnClient sfn = orchestrator.sfn();
    String machine =
        orchestrator.createMachine(
            "short-lived",
            "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).name("again")).executionArn();
    assertThat(orchestrator.awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("again")))
        .as("kept while the retention runs")
        .isInstanceOf(ExecutionAlreadyExistsException.class);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> sfn.getExecutionHistory(b -> b.executionArn(execution)))
                    .isInstanceOf(ExecutionDoesNotExistException.class));

    assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(execution)))
        .isInstanceOf(ExecutionDoesNotExistException.class);
    String reused =
        sfn.startExecution(b -> b.stateMachineArn(machine).name("again")).executionArn();
    assertThat(reused).isEqualTo(execution);
    assertThat(orchestrator.awaitClosed(reused).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sfn.getExecutionHistory(b -> b.executionArn(reused)).events().get(0).id())
        .isEqualTo(1L);
  }
}
