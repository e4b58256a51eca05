package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.IntNode;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;

/**
 * A Distributed Map's iterations run as child executions with their own ARNs, and its Map Run is
 * seen and changed through DescribeMapRun, ListMapRuns, ListExecutions and UpdateMapRun, through
 * the AWS SDK against the whole orchestrator.
 */
@ExtendWith(LocalStackExtension.class)
class MapRunIT {

  private static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:";

  @Test
  void shouldRunEachItemAsStandardChildAndLetUpdateMapRunRaiseItsConcurrency(LocalStack stack)
      throws Exception {
    String activity = LocalStack.uniqueName("double");
    try (OrchestratorFixture orchestrator = OrchestratorFixture.start(stack, Map.of())) {
      SfnClient sfn = orchestrator.sfn();
      String machine =
          orchestrator.createMachine(
              "children",
              """
              {"StartAt": "Each", "States": {"Each": {"Type": "Map", "Label": "Doubling",
                "MaxConcurrency": 1, "End": true,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Double", "States": {"Double": {"Type": "Task",
                    "Resource": "%s", "End": true}}}}}}
              """
                  .formatted(ACTIVITY + activity));
      String parent =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("[1, 2, 3, 4]")).executionArn();

      // One child runs (no worker yet), three wait for MaxConcurrency.
      String runArn =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> sfn.listMapRuns(b -> b.executionArn(parent)).mapRuns(), r -> r.size() == 1)
              .get(0)
              .mapRunArn();
      assertThat(runArn).contains(":mapRun:" + machineName(machine) + "/Doubling:");
      DescribeMapRunResponse running =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> sfn.describeMapRun(b -> b.mapRunArn(runArn)),
                  r -> r.executionCounts().running() == 1);
      assertThat(running.status()).isEqualTo(MapRunStatus.RUNNING);
      assertThat(running.maxConcurrency()).isEqualTo(1);
      assertThat(running.executionCounts().pending()).isEqualTo(3);
      assertThat(running.itemCounts().total()).isEqualTo(4);
      assertThat(running.executionArn()).isEqualTo(parent);

      List<ExecutionListItem> children = children(sfn, runArn, 1);
      String child = children.get(0).executionArn();
      assertThat(child).contains(":execution:" + machineName(machine) + "/Doubling:");
      DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(child));
      assertThat(described.mapRunArn()).isEqualTo(runArn);
      assertThat(described.stateMachineArn()).isEqualTo(machine + "/Doubling");
      assertThat(described.input()).isEqualTo("1");
      assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
          .extracting(ExecutionListItem::executionArn)
          .as("a Map Run's children are listed with their run, not their parent's machine")
          .containsExactly(parent);

      sfn.updateMapRun(b -> b.mapRunArn(runArn).maxConcurrency(4));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> sfn.describeMapRun(b -> b.mapRunArn(runArn)),
              r -> r.executionCounts().running() == 4 && r.maxConcurrency() == 4);

      try (ActivityWorker worker =
          ActivityWorker.builder(orchestrator.kafka(), activity)
              .start(task -> IntNode.valueOf(task.input().asInt() * 2))) {
        DescribeExecutionResponse closed = orchestrator.awaitClosed(parent);
        assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(closed.output()).isEqualTo("[2,4,6,8]");
      }
      DescribeMapRunResponse done =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> sfn.describeMapRun(b -> b.mapRunArn(runArn)),
                  r -> r.status() == MapRunStatus.SUCCEEDED);
      assertThat(done.executionCounts().succeeded()).isEqualTo(4);
      assertThat(done.stopDate()).isNotNull();
      assertThat(children(sfn, runArn, 4))
          .extracting(ExecutionListItem::status)
          .containsOnly(ExecutionStatus.SUCCEEDED);
      assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(runArn).maxConcurrency(2)))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void shouldRunExpressChildrenAndFailTheMapWhenTheyFailBeyondTolerance(LocalStack stack) {
    try (OrchestratorFixture orchestrator = OrchestratorFixture.start(stack, Map.of())) {
      SfnClient sfn = orchestrator.sfn();
      String machine =
          orchestrator.createMachine(
              "express-children",
              """
              {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
                "ToleratedFailureCount": 1,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                  "StartAt": "Check", "States": {
                    "Check": {"Type": "Choice", "Default": "Ok",
                      "Choices": [{"Variable": "$", "NumericGreaterThan": 2, "Next": "Bad"}]},
                    "Bad": {"Type": "Fail", "Error": "Too.Big", "Cause": "over 2"},
                    "Ok": {"Type": "Pass", "End": true}}}}}}
              """);

      String ok =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("[1, 2, 3]")).executionArn();
      String bad =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("[1, 3, 4]")).executionArn();

      DescribeExecutionResponse succeeded = orchestrator.awaitClosed(ok);
      assertThat(succeeded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(succeeded.output()).isEqualTo("[1,2,null]");
      DescribeExecutionResponse failed = orchestrator.awaitClosed(bad);
      assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
      String runArn =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> sfn.listMapRuns(b -> b.executionArn(bad)).mapRuns(),
                  r -> r.size() == 1 && r.get(0).stopDate() != null)
              .get(0)
              .mapRunArn();
      DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(runArn));
      assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
      assertThat(run.executionCounts().failed()).isEqualTo(2);
      assertThat(run.toleratedFailureCount()).isEqualTo(1);
      assertThat(sfn.listExecutions(b -> b.mapRunArn(runArn)).executions())
          .as("Express children are not listed, as with AWS")
          .isEmpty();
      assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn(runArn + "0")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  private static List<ExecutionListItem> children(SfnClient sfn, String runArn, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> sfn.listExecutions(b -> b.mapRunArn(runArn)).executions(),
            list -> list.size() == count);
  }

  private static String machineName(String machineArn) {
    return machineArn.substring(machineArn.lastIndexOf(':') + 1);
  }
}
