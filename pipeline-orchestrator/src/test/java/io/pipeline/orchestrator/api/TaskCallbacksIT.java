package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipeline.common.config.Settings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.runtime.RuntimeConfig;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat through the AWS SDK, for activity tasks
 * whose tokens the test reads from the activity's topic.
 */
@ExtendWith(OrchestratorExtension.class)
class TaskCallbacksIT {

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @Test
  void shouldCloseTasksThroughTheApiAndRefuseWhatStepFunctionsRefuses() throws Exception {
    String activity = LocalStack.uniqueName("callback");
    String machine =
        orchestrator.createMachine(
            "callbacks",
            """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "HeartbeatSeconds": 60,
              "Resource": "arn:aws:states:us-east-1:000000000000:activity:%s", "End": true}}}
            """
                .formatted(activity));
    Map<String, String> tokens = new ConcurrentHashMap<>();
    Topic<String, TaskRequest> requests =
        new PipelineTopics(SchemaCatalog.builtIn()).activity(activity);
    try (KafkaConsumer<String, TaskRequest> consumer =
        new KafkaConsumer<>(
            orchestrator
                .kafka()
                .clientConfig(
                    Map.of(
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.GROUP_ID_CONFIG, activity)),
            new StringDeserializer(),
            requests.valueSerde().deserializer())) {
      consumer.subscribe(List.of(requests.name()));
      String approved = start(machine, "approved");
      String rejected = start(machine, "rejected");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(100))
                    .forEach(
                        record ->
                            tokens.put(
                                record.value().getInput().contains("approved")
                                    ? "approved"
                                    : "rejected",
                                record.value().getTaskToken()));
                return tokens.size() == 2;
              });
      String approvedToken = tokens.get("approved");

      sfn.sendTaskHeartbeat(b -> b.taskToken(approvedToken));
      assertThatThrownBy(
              () -> sfn.sendTaskSuccess(b -> b.taskToken(approvedToken).output("{not json")))
          .isInstanceOf(InvalidOutputException.class);
      sfn.sendTaskSuccess(b -> b.taskToken(approvedToken).output("{\"approved\": true}"));
      sfn.sendTaskFailure(
          b -> b.taskToken(tokens.get("rejected")).error("Review.Rejected").cause("no"));

      DescribeExecutionResponse succeeded = orchestrator.awaitClosed(approved);
      assertThat(succeeded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(succeeded.output()).isEqualTo("{\"approved\":true}");
      DescribeExecutionResponse failed = orchestrator.awaitClosed(rejected);
      assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.error()).isEqualTo("Review.Rejected");
      assertThat(failed.cause()).isEqualTo("no");
      assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(approvedToken).output("1")))
          .isInstanceOf(TaskTimedOutException.class);
      assertThatThrownBy(
              () -> sfn.sendTaskHeartbeat(b -> b.taskToken(approvedToken.replace('A', 'B'))))
          .isInstanceOf(InvalidTokenException.class);
    }
  }

  @Test
  void shouldAnswerTaskDoesNotExistForTheTokenOfAnExecutionThatDoesNotExist() {
    // A genuine token, signed with the instance's key, of an execution never started (or purged).
    String token =
        RuntimeConfig.from(Settings.of(Map.of()))
            .taskTokens()
            .sign("arn:aws:states:us-east-1:000000000000:execution:gone:gone/task-1");

    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
  }

  private static String start(String machine, String who) {
    return sfn.startExecution(
            b -> b.stateMachineArn(machine).name(who).input("{\"who\": \"" + who + "\"}"))
        .executionArn();
  }
}
