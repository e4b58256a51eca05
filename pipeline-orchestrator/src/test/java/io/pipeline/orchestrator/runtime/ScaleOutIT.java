package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.IntNode;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.orchestrator.ChildOrchestrator;
import io.pipeline.orchestrator.CommandPartitions;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Two instances of one orchestrator, one in this JVM and one in a child process, share the
 * partitions: each answers DescribeExecution and ListExecutions the same for every execution,
 * whichever instance holds it. Then the child is killed with SIGKILL in the middle of a run, and
 * the survivor takes its partitions and finishes every execution, each task result applied once.
 */
@ExtendWith(LocalStackExtension.class)
class ScaleOutIT {

  private static final Logger log = LoggerFactory.getLogger(ScaleOutIT.class);
  private static final int SETTLED = 40;
  private static final int EXECUTIONS = 200;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldAnswerAlikeOnBothInstancesAndFinishEverythingAfterOneIsKilled(LocalStack stack)
      throws Exception {
    String applicationId = LocalStack.uniqueName("scale-out");
    Map<String, String> shared =
        Map.of(
            "ORCHESTRATOR_APPLICATION_ID", applicationId,
            "ORCHESTRATOR_FAILOVER_TIMEOUT", "6s",
            "ORCHESTRATOR_ADVERTISED_HOST", "localhost");
    ChildOrchestrator child = new ChildOrchestrator(stack, dir, shared);
    String activity = LocalStack.uniqueName("scale-out-work");
    try (OrchestratorFixture survivor = OrchestratorFixture.start(stack, shared);
        ChildJvm killed = child.start();
        SfnClient viaChild = Sfn.client(child.api());
        Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()));
        ActivityWorker worker =
            ActivityWorker.builder(survivor.kafka(), activity)
                .concurrency(8)
                .onRefused((task, verdict) -> {})
                .start(
                    task -> {
                      Thread.sleep(5);
                      return IntNode.valueOf(task.input().get("i").asInt() * 2);
                    })) {
      SfnClient viaSurvivor = survivor.sfn();
      Set<Integer> childPartitions = awaitBothServing(admin, applicationId);
      log.info("The child serves partitions {}", childPartitions);

      // Settled executions: both instances answer exactly alike.
      String quick =
          survivor.createMachine(
              "settled",
              """
              {"StartAt": "Double", "States": {
                "Double": {"Type": "Pass", "Parameters": {"d.$": "States.MathAdd($.i, $.i)"},
                  "End": true}}}
              """);
      List<String> settled = new ArrayList<>();
      for (int i = 0; i < SETTLED; i++) {
        int n = i;
        SfnClient via = i % 2 == 0 ? viaSurvivor : viaChild;
        settled.add(
            via.startExecution(
                    b -> b.stateMachineArn(quick).name("s-" + n).input("{\"i\": " + n + "}"))
                .executionArn());
      }
      assertThat(settled)
          .as("executions on each instance's partitions")
          .anyMatch(arn -> childPartitions.contains(partitionOf(arn)))
          .anyMatch(arn -> !childPartitions.contains(partitionOf(arn)));
      for (String execution : settled) {
        DescribeExecutionResponse closed = Sfn.awaitClosedThroughFailures(viaSurvivor, execution);
        assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(viaChild.describeExecution(b -> b.executionArn(execution)))
            .as(execution + " described by the other instance")
            .usingRecursiveComparison()
            .ignoringFields("responseMetadata", "sdkHttpResponse")
            .isEqualTo(closed);
        assertThat(viaChild.getExecutionHistory(b -> b.executionArn(execution)).events())
            .isEqualTo(viaSurvivor.getExecutionHistory(b -> b.executionArn(execution)).events());
      }
      List<ExecutionListItem> listedBySurvivor = listAll(viaSurvivor, quick);
      assertThat(listedBySurvivor).hasSize(SETTLED).isEqualTo(listAll(viaChild, quick));

      // A run during which the child is killed.
      String machine =
          survivor.createMachine(
              "scaled",
              """
              {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "ResultPath": "$.doubled",
                  "Resource": "arn:aws:states:us-east-1:000000000000:activity:%s",
                  "Next": "Pause"},
                "Pause": {"Type": "Wait", "Seconds": 2, "End": true}}}
              """
                  .formatted(activity));
      ExecutorService starters = Executors.newFixedThreadPool(8);
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < EXECUTIONS; i++) {
        int n = i;
        started.add(
            starters.submit(
                () ->
                    Sfn.startUntilAccepted(viaSurvivor, machine, "e-" + n, "{\"i\": " + n + "}")));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> worker.stats().received() >= EXECUTIONS / 3);
      log.info("Killing the child after {} tasks", worker.stats().received());
      killed.kill();
      List<String> executions = new ArrayList<>();
      for (Future<String> future : started) {
        executions.add(future.get());
      }
      starters.shutdown();

      for (String execution : executions) {
        DescribeExecutionResponse closed = Sfn.awaitClosedThroughFailures(viaSurvivor, execution);
        int i = Integer.parseInt(execution.substring(execution.lastIndexOf('-') + 1));
        assertThat(closed.status()).as(execution).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(closed.output()).isEqualTo("{\"i\":" + i + ",\"doubled\":" + 2 * i + "}");
        List<HistoryEvent> history =
            viaSurvivor.getExecutionHistory(b -> b.executionArn(execution)).events();
        for (int e = 0; e < history.size(); e++) {
          assertThat(history.get(e).id()).as(execution + " event ids").isEqualTo(e + 1L);
        }
        assertThat(history)
            .as(execution + ": one result applied")
            .filteredOn(e -> e.type() == HistoryEventType.ACTIVITY_SUCCEEDED)
            .hasSize(1);
      }
      assertThat(listAll(viaSurvivor, machine))
          .extracting(ExecutionListItem::executionArn)
          .containsExactlyInAnyOrderElementsOf(executions);
      assertThat(listAll(viaSurvivor, quick)).isEqualTo(listedBySurvivor);
    }
  }

  /**
   * Waits until both instances are members of the runtime's group, each with some of the command
   * topic's partitions, and returns the child's (the member with a static instance id).
   */
  private static Set<Integer> awaitBothServing(Admin admin, String applicationId) {
    return CommandPartitions.awaitTwoServing(admin, applicationId).entrySet().stream()
        .filter(member -> member.getKey().groupInstanceId().isPresent())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no member has the child's static instance id"))
        .getValue();
  }

  /** The partition the default partitioner gives an execution's commands (6 partitions). */
  private static int partitionOf(String executionArn) {
    return Utils.toPositive(Utils.murmur2(executionArn.getBytes(StandardCharsets.UTF_8))) % 6;
  }

  private static List<ExecutionListItem> listAll(SfnClient sfn, String machine) {
    List<ExecutionListItem> all = new ArrayList<>();
    sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(15))
        .forEach(page -> all.addAll(page.executions()));
    return all;
  }
}
