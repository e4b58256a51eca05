package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.IntNode;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.orchestrator.ChildOrchestrator;
import io.pipeline.orchestrator.Sfn;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The orchestrator, in a child JVM, is killed with SIGKILL in the middle of its work and started
 * again on the same state folder: every execution finishes, each task result is applied once, no
 * history has a duplicated event, and timers keep their time.
 */
@ExtendWith(LocalStackExtension.class)
class OrchestratorCrashIT {

  private static final Logger log = LoggerFactory.getLogger(OrchestratorCrashIT.class);
  private static final int EXECUTIONS = 1_000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldFinishEveryExecutionOnceAfterAKillMidRun(LocalStack stack) throws Exception {
    ChildOrchestrator orchestrator = new ChildOrchestrator(stack, dir);
    String activity = LocalStack.uniqueName("crash-work");
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    KafkaSettings kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    ChildJvm first = orchestrator.start();
    try (SfnClient sfn = Sfn.client(orchestrator.api());
        ActivityWorker worker =
            ActivityWorker.builder(kafka, activity)
                .concurrency(8)
                .onRefused((task, verdict) -> {})
                .start(
                    task -> {
                      deliveries
                          .computeIfAbsent(task.token(), t -> new AtomicInteger())
                          .incrementAndGet();
                      Thread.sleep(5);
                      return IntNode.valueOf(task.input().get("i").asInt() + 1);
                    })) {
      String machine =
          Sfn.createMachine(
              sfn,
              "crash",
              """
              {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "ResultPath": "$.result",
                  "Resource": "arn:aws:states:us-east-1:000000000000:activity:%s",
                  "Next": "Pause"},
                "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Check"},
                "Check": {"Type": "Choice", "Default": "Done", "Choices": [
                  {"Variable": "$.result", "NumericEquals": 0, "Next": "Wrong"}]},
                "Done": {"Type": "Pass", "End": true},
                "Wrong": {"Type": "Fail"}}}
              """
                  .formatted(activity));

      ExecutorService starters = Executors.newFixedThreadPool(8);
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < EXECUTIONS; i++) {
        int n = i;
        started.add(
            starters.submit(
                () -> Sfn.startUntilAccepted(sfn, machine, "run-" + n, "{\"i\": " + n + "}")));
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> worker.stats().received() >= EXECUTIONS / 3);
      log.info("Killing the orchestrator after {} tasks", worker.stats().received());
      first.kill();
      Thread.sleep(2_000);
      try (ChildJvm second = orchestrator.start()) {
        log.info("Restarted");
        List<String> executions = new ArrayList<>();
        for (Future<String> future : started) {
          executions.add(future.get());
        }
        starters.shutdown();
        log.info("All started; log in {}", dir);

        for (String execution : executions) {
          DescribeExecutionResponse closed = Sfn.awaitClosedThroughFailures(sfn, execution);
          assertThat(closed.status()).as(execution).isEqualTo(ExecutionStatus.SUCCEEDED);
          int i = Integer.parseInt(execution.substring(execution.lastIndexOf('-') + 1));
          assertThat(closed.output()).isEqualTo("{\"i\":" + i + ",\"result\":" + (i + 1) + "}");
          List<HistoryEvent> history =
              sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(1000)).events();
          for (int e = 0; e < history.size(); e++) {
            assertThat(history.get(e).id()).as(execution + " event ids").isEqualTo(e + 1L);
          }
          assertThat(history)
              .as(execution + ": one result applied")
              .filteredOn(e -> e.type() == HistoryEventType.ACTIVITY_SUCCEEDED)
              .hasSize(1);
          assertThat(history)
              .filteredOn(e -> e.type() == HistoryEventType.EXECUTION_SUCCEEDED)
              .hasSize(1);
        }
        long redelivered = deliveries.values().stream().filter(d -> d.get() > 1).count();
        log.info(
            "{} executions finished after a kill -9; {} of {} tasks were delivered more than once,"
                + " {} results refused as duplicates",
            EXECUTIONS,
            redelivered,
            deliveries.size(),
            worker.stats().refused());
        assertThat(second.isAlive()).isTrue();
      }
    } finally {
      first.close();
    }
  }

  @Test
  void shouldFireAWaitOnTimeAcrossAKill(LocalStack stack) throws Exception {
    ChildOrchestrator orchestrator = new ChildOrchestrator(stack, dir);
    ChildJvm first = orchestrator.start();
    try (SfnClient sfn = Sfn.client(orchestrator.api())) {
      String machine =
          Sfn.createMachine(
              sfn,
              "timer",
              """
              {"StartAt": "Until", "States": {
                "Until": {"Type": "Wait", "TimestampPath": "$.at", "End": true}}}
              """);
      Instant due = Instant.now().plusSeconds(20);
      String execution =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"at\": \"" + due + "\"}"))
              .executionArn();

      Thread.sleep(2_000);
      first.kill();
      Thread.sleep(3_000);
      try (ChildJvm second = orchestrator.start()) {
        DescribeExecutionResponse closed = Sfn.awaitClosedThroughFailures(sfn, execution);

        assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        HistoryEvent exited =
            sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.type() == HistoryEventType.WAIT_STATE_EXITED)
                .findFirst()
                .orElseThrow();
        assertThat(Duration.between(due, exited.timestamp()))
            .isBetween(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(second.isAlive()).isTrue();
      }
    } finally {
      first.close();
    }
  }
}
