package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.CommandPartitions;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of one orchestrator share the partitions: each lists, through its console, the
 * waiting tasks of both, the same tasks in the same order with the same tokens.
 */
@ExtendWith(LocalStackExtension.class)
class WaitingTasksScaleOutIT {

  private static final String PASSWORD = "tester-password";
  private static final int EXECUTIONS = 12;

  @Test
  void shouldListTheSameTasksOnBothInstancesWhenTheyShareThePartitions(LocalStack stack)
      throws Exception {
    // given: two instances, each serving some of the command topic's partitions
    String applicationId = LocalStack.uniqueName("waiting-scale-out");
    Map<String, String> shared =
        Map.of(
            "ORCHESTRATOR_APPLICATION_ID",
            applicationId,
            "ORCHESTRATOR_ADVERTISED_HOST",
            "localhost",
            "ORCHESTRATOR_CONSOLE_USERS",
            "tester:" + PASSWORD);
    String bootstrap = stack.kafka().bootstrapServers();
    try (OrchestratorFixture first = OrchestratorFixture.start(stack, shared);
        OrchestratorFixture second = OrchestratorFixture.start(stack, shared);
        Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<Set<Integer>> served = awaitBothServing(admin, applicationId);
      String topic = WaitingTaskConsole.createTopic(bootstrap, "scale-out-approvals");
      String machine =
          first.createMachine("scale-out-approval", WaitingTaskConsole.approvalDefinition(topic));
      List<String> executions = new ArrayList<>();
      for (int i = 0; i < EXECUTIONS; i++) {
        int n = i;
        executions.add(
            first
                .sfn()
                .startExecution(
                    b -> b.stateMachineArn(machine).name("e-" + n).input("{\"id\": \"" + n + "\"}"))
                .executionArn());
      }
      int partitions = commandPartitions(admin);
      Set<Integer> used = new HashSet<>();
      executions.forEach(arn -> used.add(partitionOf(arn, partitions)));
      assertThat(used)
          .as("executions on each instance's partitions")
          .containsAnyElementsOf(served.get(0))
          .containsAnyElementsOf(served.get(1));
      WaitingTaskConsole viaFirst = WaitingTaskConsole.signIn(first.apiUri(), "tester", PASSWORD);
      WaitingTaskConsole viaSecond = WaitingTaskConsole.signIn(second.apiUri(), "tester", PASSWORD);

      // when
      List<JsonNode> listedByFirst = awaitListed(viaFirst, machine);
      List<JsonNode> listedBySecond = awaitListed(viaSecond, machine);

      // then
      assertThat(listedByFirst)
          .extracting(task -> task.get("executionArn").asText())
          .containsExactlyInAnyOrderElementsOf(executions);
      assertThat(listedBySecond).isEqualTo(listedByFirst);
      assertThat(viaSecond.all(5)).isEqualTo(viaFirst.all(5));
    }
  }

  private static List<JsonNode> awaitListed(WaitingTaskConsole console, String machine) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> console.of(machine), tasks -> tasks.size() == EXECUTIONS);
  }

  /** Waits until both instances hold command partitions; returns each one's. */
  private static List<Set<Integer>> awaitBothServing(Admin admin, String applicationId) {
    return List.copyOf(CommandPartitions.awaitTwoServing(admin, applicationId).values());
  }

  private static int commandPartitions(Admin admin) throws Exception {
    return admin
        .describeTopics(List.of(PipelineTopics.EXECUTION_COMMANDS))
        .allTopicNames()
        .get(10, TimeUnit.SECONDS)
        .get(PipelineTopics.EXECUTION_COMMANDS)
        .partitions()
        .size();
  }

  /** The partition the default partitioner gives an execution's commands. */
  private static int partitionOf(String executionArn, int partitions) {
    return Utils.toPositive(Utils.murmur2(executionArn.getBytes(StandardCharsets.UTF_8)))
        % partitions;
  }
}
