package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import io.pipeline.client.CommandGateway;
import io.pipeline.client.Verdict;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Task states worked by the worker library, on the real broker, through the whole runtime. */
@ExtendWith(OrchestratorExtension.class)
class ActivityWorkerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;
  private static KafkaSettings kafka;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
    kafka = running.kafka();
  }

  private static String activityArn(String name) {
    return "arn:aws:states:us-east-1:000000000000:activity:" + name;
  }

  @Test
  void shouldRunTaskWaitChoiceParallelMapRetryAndCatchEndToEnd() throws Exception {
    String activity = LocalStack.uniqueName("calc");
    String resource = activityArn(activity);
    String arn =
        orchestrator.createMachine(
            "tasks",
            """
            {"StartAt": "Route", "States": {
              "Route": {"Type": "Choice", "Default": "Reject",
                "Choices": [{"Variable": "$.items[0]", "IsPresent": true, "Next": "Pause"}]},
              "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Fan"},
              "Fan": {"Type": "Parallel", "ResultPath": "$.fan", "Next": "Guard",
                "Branches": [
                  {"StartAt": "Flaky", "States": {"Flaky": {"Type": "Task", "Resource": "%1$s",
                    "Parameters": {"op": "flaky", "n": 1},
                    "Retry": [{"ErrorEquals": ["Custom.Flaky"], "IntervalSeconds": 1}],
                    "End": true}}},
                  {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                    "ItemSelector": {"op": "double", "n.$": "$$.Map.Item.Value"},
                    "ItemProcessor": {"StartAt": "Double", "States": {
                      "Double": {"Type": "Task", "Resource": "%1$s", "End": true}}},
                    "End": true}}}
                ]},
              "Guard": {"Type": "Task", "Resource": "%1$s", "Parameters": {"op": "fatal"},
                "ResultPath": "$.guard", "Next": "Done",
                "Catch": [{"ErrorEquals": ["Custom.Fatal"], "ResultPath": "$.caught",
                  "Next": "Done"}]},
              "Done": {"Type": "Pass", "End": true},
              "Reject": {"Type": "Fail", "Error": "NoItems"}}}
            """
                .formatted(resource));
    Set<String> flakyTokens = ConcurrentHashMap.newKeySet();
    try (ActivityWorker worker =
        ActivityWorker.builder(kafka, activity)
            .start(
                task ->
                    switch (task.input().get("op").asText()) {
                      case "flaky" -> {
                        if (flakyTokens.add(task.token()) && flakyTokens.size() == 1) {
                          throw new TaskFailedException("Custom.Flaky", "first attempt");
                        }
                        yield IntNode.valueOf(task.input().get("n").asInt());
                      }
                      case "double" -> IntNode.valueOf(task.input().get("n").asInt() * 2);
                      default -> throw new TaskFailedException("Custom.Fatal", "by design");
                    })) {

      String execution =
          sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"items\": [1, 2, 3]}"))
              .executionArn();
      DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

      assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(JSON.readTree(closed.output()))
          .isEqualTo(
              JSON.readTree(
                  """
                  {"items": [1, 2, 3], "fan": [1, [2, 4, 6]],
                   "caught": {"Error": "Custom.Fatal", "Cause": "by design"}}
                  """));
      assertThat(flakyTokens).hasSize(2);
      assertThat(Duration.between(closed.startDate(), closed.stopDate()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2)); // the Wait, then the retry's interval
    }
  }

  @Test
  void shouldRetryAFailedTaskAndApplyTheResultOnce() throws Exception {
    String activity = LocalStack.uniqueName("double");
    String arn =
        orchestrator.createMachine(
            "tasks",
            """
            {"StartAt": "Double", "States": {"Double": {"Type": "Task", "Resource": "%s",
              "Retry": [{"ErrorEquals": ["Custom.Flaky"], "IntervalSeconds": 1}],
              "End": true}}}
            """
                .formatted(activityArn(activity)));
    AtomicInteger attempts = new AtomicInteger();
    List<String> tokens = new CopyOnWriteArrayList<>();
    List<String> keys = new CopyOnWriteArrayList<>();
    try (ActivityWorker worker =
        ActivityWorker.builder(kafka, activity)
            .start(
                task -> {
                  tokens.add(task.token());
                  keys.add(task.idempotencyKey());
                  if (attempts.incrementAndGet() == 1) {
                    throw new TaskFailedException("Custom.Flaky", "first attempt fails");
                  }
                  return IntNode.valueOf(task.input().get("n").asInt() * 2);
                })) {

      String execution =
          sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"n\": 21}")).executionArn();
      DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

      assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(closed.output()).isEqualTo("42");
      assertThat(tokens).hasSize(2).doesNotHaveDuplicates();
      assertThat(keys).containsExactly(execution + "/Double@1#1", execution + "/Double@1#2");
      List<HistoryEvent> activityEvents =
          sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
              .filter(e -> e.typeAsString().startsWith("Activity"))
              .toList();
      assertThat(activityEvents)
          .extracting(HistoryEvent::type)
          .containsExactly(
              HistoryEventType.ACTIVITY_SCHEDULED,
              HistoryEventType.ACTIVITY_STARTED,
              HistoryEventType.ACTIVITY_FAILED,
              HistoryEventType.ACTIVITY_SCHEDULED,
              HistoryEventType.ACTIVITY_STARTED,
              HistoryEventType.ACTIVITY_SUCCEEDED);
      assertThat(activityEvents.get(0).activityScheduledEventDetails().resource())
          .isEqualTo(activityArn(activity));
      assertThat(activityEvents.get(0).activityScheduledEventDetails().input())
          .isEqualTo("{\"n\":21}");
      assertThat(activityEvents.get(1).activityStartedEventDetails().workerName()).isNotBlank();
      assertThat(activityEvents.get(2).activityFailedEventDetails().error())
          .isEqualTo("Custom.Flaky");
      assertThat(activityEvents.get(5).activitySucceededEventDetails().output()).isEqualTo("42");
      await().untilAsserted(() -> assertThat(worker.stats().succeeded()).isEqualTo(1));
      assertThat(worker.stats().failed()).isEqualTo(1);

      try (CommandGateway gateway =
          new CommandGateway(
              kafka, new PipelineTopics(SchemaCatalog.builtIn()), Clock.systemUTC())) {
        Verdict late =
            gateway
                .send(execution, new TaskSucceeded(tokens.get(1), "1"))
                .get(30, TimeUnit.SECONDS);
        Verdict forged =
            gateway
                .send(execution, new TaskSucceeded(tokens.get(1) + "x", "1"))
                .get(30, TimeUnit.SECONDS);

        assertThat(late.error()).isEqualTo("TaskTimedOut");
        assertThat(late.message()).contains("closed");
        assertThat(forged.error()).isEqualTo("InvalidToken");
      }
      assertThat(sfn.describeExecution(b -> b.executionArn(execution)).output()).isEqualTo("42");
    }
  }

  @Test
  void shouldKeepATaskAliveByHeartbeatsAndTimeOutOneWithout() throws Exception {
    String activity = LocalStack.uniqueName("slow");
    String arn =
        orchestrator.createMachine(
            "tasks",
            """
            {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "%s",
              "HeartbeatSeconds": 2, "End": true}}}
            """
                .formatted(activityArn(activity)));
    Set<String> refused = ConcurrentHashMap.newKeySet();
    try (ActivityWorker worker =
        ActivityWorker.builder(kafka, activity)
            .onRefused((task, verdict) -> refused.add(verdict.error()))
            .start(
                task -> {
                  boolean beat = task.input().get("beat").asBoolean();
                  for (int i = 0; i < 5; i++) {
                    Thread.sleep(1_000);
                    if (beat) {
                      task.heartbeat();
                    }
                  }
                  return JSON.readTree("{\"done\": true}");
                })) {

      String alive =
          sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"beat\": true}")).executionArn();
      String silent =
          sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"beat\": false}")).executionArn();

      assertThat(orchestrator.awaitClosed(alive).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      DescribeExecutionResponse timedOut = orchestrator.awaitClosed(silent);
      assertThat(timedOut.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(timedOut.error()).isEqualTo("States.HeartbeatTimeout");
      await().untilAsserted(() -> assertThat(refused).containsExactly("TaskTimedOut"));
      assertThat(worker.stats().refused()).isEqualTo(1);
    }
  }

  @Test
  void shouldWorkOtherTasksWhileOneIsSlow() throws Exception {
    String activity = LocalStack.uniqueName("slow");
    String arn =
        orchestrator.createMachine(
            "slow",
            """
            {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s",
              "End": true}}}
            """
                .formatted(activityArn(activity)));
    CountDownLatch slow = new CountDownLatch(1);
    try (ActivityWorker worker =
        ActivityWorker.builder(kafka, activity)
            .concurrency(2)
            .start(
                task -> {
                  if (task.input().get("slow").asBoolean()) {
                    slow.await();
                  }
                  return task.input();
                })) {
      String blocked =
          sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"slow\": true}")).executionArn();
      await().atMost(Duration.ofSeconds(30)).until(() -> worker.stats().received() == 1);
      List<String> quick = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        quick.add(
            sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"slow\": false}"))
                .executionArn());
      }

      for (String execution : quick) {
        assertThat(orchestrator.awaitClosed(execution).status())
            .isEqualTo(ExecutionStatus.SUCCEEDED);
      }
      assertThat(sfn.describeExecution(b -> b.executionArn(blocked)).status())
          .isEqualTo(ExecutionStatus.RUNNING);
      slow.countDown();
      assertThat(orchestrator.awaitClosed(blocked).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
