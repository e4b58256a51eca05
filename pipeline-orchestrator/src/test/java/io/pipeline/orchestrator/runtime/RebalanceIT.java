package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.IntNode;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Two instances of one orchestrator: a second joins while executions run, then the first leaves.
 * Their partitions move twice, and every execution still finishes with each transition applied
 * once.
 */
@ExtendWith(LocalStackExtension.class)
class RebalanceIT {

  private static final int EXECUTIONS = 200;

  @Test
  void shouldApplyEveryTransitionOnceWhileInstancesJoinAndLeave(LocalStack stack) {
    Map<String, String> shared =
        Map.of("ORCHESTRATOR_APPLICATION_ID", LocalStack.uniqueName("rebalance"));
    String activity = LocalStack.uniqueName("rebalance-work");
    OrchestratorFixture first = OrchestratorFixture.start(stack, shared);
    OrchestratorFixture second = null;
    try (ActivityWorker worker =
        ActivityWorker.builder(first.kafka(), activity)
            .concurrency(8)
            .start(task -> IntNode.valueOf(task.input().get("i").asInt() * 3))) {
      String machine =
          first.createMachine(
              "rebalance",
              """
              {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "ResultPath": "$.tripled",
                  "Resource": "arn:aws:states:us-east-1:000000000000:activity:%s",
                  "Next": "Pause"},
                "Pause": {"Type": "Wait", "Seconds": 2, "End": true}}}
              """
                  .formatted(activity));
      List<String> executions = new ArrayList<>();
      for (int i = 0; i < EXECUTIONS; i++) {
        int n = i;
        SfnClient via = (i < EXECUTIONS / 2 || second == null) ? first.sfn() : second.sfn();
        executions.add(
            via.startExecution(
                    b -> b.stateMachineArn(machine).name("e-" + n).input("{\"i\": " + n + "}"))
                .executionArn());
        if (i == EXECUTIONS / 4) {
          second = OrchestratorFixture.start(stack, shared); // joins: partitions move
        }
      }
      first.close(); // leaves: the second instance takes every partition
      first = null;

      for (String execution : executions) {
        DescribeExecutionResponse closed =
            Sfn.awaitClosed(
                second.sfn(),
                execution,
                await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(SdkException.class));
        int i = Integer.parseInt(execution.substring(execution.lastIndexOf('-') + 1));
        assertThat(closed.status()).as(execution).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(closed.output()).isEqualTo("{\"i\":" + i + ",\"tripled\":" + 3 * i + "}");
        OrchestratorFixture owner = second;
        List<HistoryEvent> history =
            owner.sfn().getExecutionHistory(b -> b.executionArn(execution)).events();
        for (int e = 0; e < history.size(); e++) {
          assertThat(history.get(e).id()).as(execution + " event ids").isEqualTo(e + 1L);
        }
        assertThat(history)
            .filteredOn(e -> e.type() == HistoryEventType.ACTIVITY_SUCCEEDED)
            .hasSize(1);
        assertThat(history)
            .filteredOn(e -> e.type() == HistoryEventType.WAIT_STATE_EXITED)
            .hasSize(1);
      }
    } finally {
      if (first != null) {
        first.close();
      }
      if (second != null) {
        second.close();
      }
    }
  }
}
