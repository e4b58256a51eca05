package io.pipeline.orchestrator.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.integrations.RecordingHttpServer.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * HTTP Tasks through the whole orchestrator: the runtime decides the call, the integration runner
 * makes it against a real local HTTP server once the transaction commits, with the connection's API
 * key, and reports back; Retry and Catch see AWS's error names.
 */
@ExtendWith(LocalStackExtension.class)
class HttpTaskIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldCallRetryAndCatchThroughTheRuntime(LocalStack stack) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingHttpServer server =
            new RecordingHttpServer()
                .on(
                    "/orders/o-1",
                    request ->
                        calls.incrementAndGet() == 1
                            ? Answer.text(500, "busy")
                            : Answer.json(200, "{\"id\": \"o-1\", \"total\": 42}"))
                .on("/orders/o-2", request -> Answer.text(404, "no such order"));
        OrchestratorFixture orchestrator =
            OrchestratorFixture.start(
                stack,
                Map.of(
                    "ORCHESTRATOR_HTTP_TASK_CONNECTIONS",
                    "{\"orders\": {\"type\": \"API_KEY\", \"name\": \"X-Api-Key\","
                        + " \"value\": \"k-1\"}}"))) {
      String connection = "arn:aws:events:us-east-1:000000000000:connection/orders/0a1b";
      String machine =
          orchestrator.createMachine(
              "http",
              """
              {"StartAt": "Get", "States": {
                "Get": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                  "Parameters": {"ApiEndpoint": "%1$s", "Method": "GET",
                    "Authentication": {"ConnectionArn": "%3$s"},
                    "QueryParameters": {"expand": "lines"}},
                  "Retry": [{"ErrorEquals": ["States.Http.StatusCode.500"],
                    "IntervalSeconds": 1, "MaxAttempts": 2}],
                  "ResultSelector": {"order.$": "$.ResponseBody", "status.$": "$.StatusCode"},
                  "ResultPath": "$.first", "Next": "Missing"},
                "Missing": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                  "Parameters": {"ApiEndpoint": "%2$s", "Method": "GET",
                    "Authentication": {"ConnectionArn": "%3$s"}},
                  "Catch": [{"ErrorEquals": ["States.Http.StatusCode.404"],
                    "ResultPath": "$.missing", "Next": "Done"}],
                  "End": true},
                "Done": {"Type": "Succeed"}}}
              """
                  .formatted(server.url("/orders/o-1"), server.url("/orders/o-2"), connection));

      String execution =
          orchestrator
              .sfn()
              .startExecution(b -> b.stateMachineArn(machine).input("{}"))
              .executionArn();
      DescribeExecutionResponse done = orchestrator.awaitClosed(execution);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      JsonNode output = JSON.readTree(done.output());
      assertThat(output.path("first"))
          .isEqualTo(
              JSON.readTree("{\"order\": {\"id\": \"o-1\", \"total\": 42}, \"status\": 200}"));
      assertThat(output.path("missing").path("Error").asText())
          .isEqualTo("States.Http.StatusCode.404");
      List<RecordingHttpServer.Received> first = server.received("/orders/o-1");
      assertThat(first).hasSize(2);
      assertThat(first)
          .allSatisfy(
              request -> {
                assertThat(request.header("X-Api-Key")).contains("k-1");
                assertThat(request.rawQuery()).isEqualTo("expand=lines");
              });
      // A retry is another call: its idempotency key differs.
      assertThat(first.get(0).header("Idempotency-Key"))
          .isNotEqualTo(first.get(1).header("Idempotency-Key"));
      List<HistoryEventType> types =
          orchestrator.sfn().getExecutionHistory(b -> b.executionArn(execution)).events().stream()
              .map(HistoryEvent::type)
              .toList();
      assertThat(types)
          .containsSubsequence(
              HistoryEventType.TASK_SCHEDULED,
              HistoryEventType.TASK_STARTED,
              HistoryEventType.TASK_FAILED,
              HistoryEventType.TASK_SCHEDULED,
              HistoryEventType.TASK_STARTED,
              HistoryEventType.TASK_SUCCEEDED);
    }
  }

  @Test
  void shouldWaitForTheCallbackOfAnHttpTaskThatPassedItsToken(LocalStack stack) throws Exception {
    try (RecordingHttpServer server =
            new RecordingHttpServer().on("/approvals", request -> Answer.json(202, "{}"));
        OrchestratorFixture orchestrator = OrchestratorFixture.start(stack, Map.of())) {
      String machine =
          orchestrator.createMachine(
              "http-callback",
              """
              {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
                "Resource": "arn:aws:states:::http:invoke.waitForTaskToken",
                "Parameters": {"ApiEndpoint": "%s", "Method": "POST",
                  "RequestBody": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
                "End": true}}}
              """
                  .formatted(server.url("/approvals")));
      String execution =
          orchestrator
              .sfn()
              .startExecution(b -> b.stateMachineArn(machine).input("{\"order\": \"o-9\"}"))
              .executionArn();

      String token =
          org.awaitility.Awaitility.await()
              .atMost(java.time.Duration.ofSeconds(30))
              .until(() -> server.received("/approvals"), received -> !received.isEmpty())
              .get(0)
              .body();
      JsonNode asked = JSON.readTree(token);
      assertThat(asked.path("order").asText()).isEqualTo("o-9");
      assertThat(orchestrator.sfn().describeExecution(b -> b.executionArn(execution)).status())
          .isEqualTo(ExecutionStatus.RUNNING);
      orchestrator
          .sfn()
          .sendTaskSuccess(
              b -> b.taskToken(asked.path("token").asText()).output("{\"approved\": true}"));

      DescribeExecutionResponse done = orchestrator.awaitClosed(execution);
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo("{\"approved\":true}");
    }
  }
}
