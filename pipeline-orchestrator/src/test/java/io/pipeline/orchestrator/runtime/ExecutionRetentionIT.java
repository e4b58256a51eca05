package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.OrchestratorService;
import io.pipeline.orchestrator.Sfn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** A closed execution, its history and its name are kept for the retention after it closed. */
@ExtendWith(LocalStackExtension.class)
class ExecutionRetentionIT {

  @Test
  void shouldForgetAClosedExecutionAndFreeItsNameOnceTheRetentionPassed(
      LocalStack stack, @TempDir Path state) {
    try (OrchestratorService service =
            OrchestratorService.start(
                Sfn.settings(stack, state, Map.of("ORCHESTRATOR_HISTORY_RETENTION", "5s")));
        SfnClient sfn = Sfn.client(service.apiUri())) {
      String machine =
          sfn.createStateMachine(
                  b ->
                      b.name(LocalStack.uniqueName("short-lived"))
                          .roleArn(Sfn.ROLE)
                          .definition(
                              "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\","
                                  + " \"End\": true}}}"))
              .stateMachineArn();
      String execution =
          sfn.startExecution(b -> b.stateMachineArn(machine).name("again")).executionArn();
      await()
          .until(
              () -> sfn.describeExecution(b -> b.executionArn(execution)).status(),
              status -> status == ExecutionStatus.SUCCEEDED);
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
      await()
          .until(
              () -> sfn.describeExecution(b -> b.executionArn(reused)).status(),
              status -> status == ExecutionStatus.SUCCEEDED);
      assertThat(sfn.getExecutionHistory(b -> b.executionArn(reused)).events().get(0).id())
          .isEqualTo(1L);
    }
  }
}
