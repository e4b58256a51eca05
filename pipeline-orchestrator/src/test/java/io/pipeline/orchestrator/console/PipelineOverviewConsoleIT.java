package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.schemas.topic.PipelineTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code GetPipelineOverview} through the console of a running orchestrator: Kafka's topics and
 * consumer groups as the orchestrator samples them at its configured interval, and this instance's
 * counts; for signed-in users only.
 */
class PipelineOverviewConsoleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of(
              "ORCHESTRATOR_CONSOLE_USERS", "tester:tester-password",
              "ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL", "1s",
              "ORCHESTRATOR_CONSOLE_OVERVIEW_WINDOW", "1m"));

  @Test
  void shouldShowTheCommandTopicTheRuntimeGroupAndThisInstancesCountsWhenSignedIn(
      OrchestratorFixture orchestrator) {
    // given: an execution ran
    String machine =
        orchestrator.createMachine(
            "overview",
            "{\"StartAt\": \"Hi\", \"States\": {\"Hi\": {\"Type\": \"Pass\", \"End\": true}}}");
    String execution =
        orchestrator
            .sfn()
            .startExecution(b -> b.stateMachineArn(machine).input("{}"))
            .executionArn();
    assertThat(orchestrator.awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ConsoleHttp console = new ConsoleHttp(orchestrator.apiUri());
    console.signIn("tester", "tester-password");

    // when: samples taken after the execution
    JsonNode overview =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> json(console.call("GetPipelineOverview", "{}")),
                json ->
                    json.path("topics").size() > 0
                        && json.at("/instance/standardExecutions/succeeded").asLong() >= 1);

    // then
    assertThat(overview.get("intervalSeconds").asDouble()).isEqualTo(1.0);
    assertThat(overview.has("error")).isFalse();
    JsonNode commands = named(overview.get("topics"), "name", PipelineTopics.EXECUTION_COMMANDS);
    assertThat(commands.get("records").asLong()).isPositive();
    assertThat(commands.get("deadLetters").asBoolean()).isFalse();
    assertThat(overview.get("groups"))
        .extracting(group -> group.get("groupId").asText())
        .isNotEmpty();
    assertThat(overview.at("/instance/standardExecutions/started").asLong()).isPositive();
    assertThat(overview.at("/instance/stateTransitions").asLong()).isPositive();
  }

  @Test
  void shouldRefuseTheOverviewWhenNobodyIsSignedIn(OrchestratorFixture orchestrator) {
    // when
    HttpResponse<byte[]> answer =
        new ConsoleHttp(orchestrator.apiUri()).call("GetPipelineOverview", "{}");

    // then
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(json(answer).path("__type").asText()).isEqualTo("NotSignedInException");
  }

  private static JsonNode named(JsonNode items, String field, String name) {
    return StreamSupport.stream(items.spliterator(), false)
        .filter(item -> item.get(field).asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in " + items));
  }

  private static JsonNode json(HttpResponse<byte[]> answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
