package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * RedriveExecution through the AWS SDK: a pipeline that failed in its third state is redriven once
 * its cause is fixed, and succeeds without running its first two states again, counted by what
 * their workers did.
 */
@ExtendWith(OrchestratorExtension.class)
class RedriveIT {

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @Test
  void shouldRedriveFromTheFailedThirdStateWithoutRunningTheFirstTwoAgain() throws Exception {
    String activity = LocalStack.uniqueName("etl");
    String resource = "arn:aws:states:us-east-1:000000000000:activity:" + activity;
    String machine =
        orchestrator.createMachine(
            "redrive",
            """
            {"StartAt": "Extract", "States": {
              "Extract": {"Type": "Task", "Resource": "%1$s", "Parameters": {"step": "extract"},
                "ResultPath": "$.extracted", "Next": "Transform"},
              "Transform": {"Type": "Task", "Resource": "%1$s",
                "Parameters": {"step": "transform"}, "ResultPath": "$.transformed",
                "Next": "Load"},
              "Load": {"Type": "Task", "Resource": "%1$s",
                "Parameters": {"step": "load", "rows.$": "$.transformed"}, "End": true}}}
            """
                .formatted(resource));
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    AtomicBoolean warehouseDown = new AtomicBoolean(true);
    try (ActivityWorker worker =
        ActivityWorker.builder(orchestrator.kafka(), activity)
            .start(
                task -> {
                  String step = task.input().get("step").asText();
                  runs.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
                  if (step.equals("load") && warehouseDown.get()) {
                    throw new TaskFailedException("Warehouse.Down", "the warehouse is down");
                  }
                  return TextNode.valueOf(step + "ed");
                })) {
      String execution =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
      DescribeExecutionResponse failed = orchestrator.awaitClosed(execution);
      assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.error()).isEqualTo("Warehouse.Down");
      assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
      assertThat(failed.redriveCount()).isZero();

      warehouseDown.set(false);
      var redriven = sfn.redriveExecution(b -> b.executionArn(execution).clientToken("fix-1"));
      assertThat(redriven.redriveDate()).isNotNull();
      // The same client token again is the same redrive, not a second one.
      assertThat(
              sfn.redriveExecution(b -> b.executionArn(execution).clientToken("fix-1"))
                  .redriveDate())
          .isEqualTo(redriven.redriveDate());

      DescribeExecutionResponse succeeded = orchestrator.awaitClosed(execution);
      assertThat(succeeded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(succeeded.output()).isEqualTo("\"loaded\"");
      assertThat(succeeded.redriveCount()).isEqualTo(1);
      assertThat(succeeded.redriveDate()).isEqualTo(redriven.redriveDate());
      assertThat(succeeded.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
      assertThat(succeeded.redriveStatusReason())
          .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
      assertThat(
              sfn.listExecutions(b -> b.stateMachineArn(machine))
                  .executions()
                  .get(0)
                  .redriveCount())
          .isEqualTo(1);
      assertThat(runs.get("extract")).hasValue(1);
      assertThat(runs.get("transform")).hasValue(1);
      assertThat(runs.get("load")).hasValue(2);

      List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
      List<HistoryEventType> types = events.stream().map(HistoryEvent::type).toList();
      int redrive = types.indexOf(HistoryEventType.EXECUTION_REDRIVEN);
      assertThat(types.subList(0, redrive)).endsWith(HistoryEventType.EXECUTION_FAILED);
      assertThat(events.get(redrive).executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
      assertThat(types.subList(redrive, types.size()))
          .containsOnlyOnce(HistoryEventType.TASK_STATE_ENTERED)
          .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
      assertThat(events.get(redrive + 1).stateEnteredEventDetails().name()).isEqualTo("Load");

      assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution)))
          .isInstanceOf(ExecutionNotRedrivableException.class)
          .hasMessageContaining("Execution is SUCCEEDED and cannot be redriven");
    }
  }

  @Test
  void shouldRefuseARunningExecutionAndOneThatDoesNotExist() {
    String machine =
        orchestrator.createMachine(
            "redrive-running",
            "{\"StartAt\": \"Hold\", \"States\": {\"Hold\": {\"Type\": \"Wait\", \"Seconds\": 600,"
                + " \"End\": true}}}");
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).redriveStatusReason())
        .isEqualTo("Execution is RUNNING and cannot be redriven");
    assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageContaining("Execution is RUNNING and cannot be redriven");
    assertThatThrownBy(
            () -> sfn.redriveExecution(b -> b.executionArn(execution + "-never-started")))
        .isInstanceOf(ExecutionDoesNotExistException.class);
  }

  @Test
  void shouldRedriveAStoppedExecutionFromTheStateItWasStoppedIn() {
    String machine =
        orchestrator.createMachine(
            "redrive-stopped",
            """
            {"StartAt": "First", "States": {
              "First": {"Type": "Pass", "Result": 1, "ResultPath": "$.first", "Next": "Hold"},
              "Hold": {"Type": "Wait", "SecondsPath": "$.seconds", "End": true}}}
            """);
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"seconds\": 600}"))
            .executionArn();
    sfn.stopExecution(b -> b.executionArn(execution));
    assertThat(orchestrator.awaitClosed(execution).status()).isEqualTo(ExecutionStatus.ABORTED);

    sfn.redriveExecution(b -> b.executionArn(execution));

    // The redrive's verdict comes with its transaction; reads see it once that commits.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<HistoryEvent> events =
                  sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
              List<HistoryEventType> types = events.stream().map(HistoryEvent::type).toList();
              int redrive = types.indexOf(HistoryEventType.EXECUTION_REDRIVEN);
              assertThat(redrive).isPositive();
              assertThat(types.subList(redrive, types.size()))
                  .containsExactly(
                      HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.WAIT_STATE_ENTERED);
              assertThat(events.get(redrive + 1).stateEnteredEventDetails().name())
                  .isEqualTo("Hold");
              assertThat(events.get(redrive + 1).stateEnteredEventDetails().input())
                  .isEqualTo("{\"seconds\":600,\"first\":1}");
              assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
                  .isEqualTo(ExecutionStatus.RUNNING);
            });
    sfn.stopExecution(b -> b.executionArn(execution));
  }
}
