package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.Sfn.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorConfig;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * The official AWS SDK's Step Functions client against the orchestrator's API, and {@code /metrics}
 * and {@code /health} on the same port.
 */
@ExtendWith(OrchestratorExtension.class)
class StepFunctionsHandlerIT {

  private static final String DEFINITION =
      "{\"StartAt\": \"Hello\", \"States\": {\"Hello\": {\"Type\": \"Pass\", \"End\": true}}}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @Test
  void shouldCreateAndDescribeAStateMachineThroughTheAwsSdk() {
    String name = LocalStack.uniqueName("hello");

    CreateStateMachineResponse created =
        sfn.createStateMachine(
            b -> b.name(name).definition(DEFINITION).roleArn(ROLE).type(StateMachineType.STANDARD));
    DescribeStateMachineResponse described =
        sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));

    assertThat(created.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:" + name);
    assertThat(created.creationDate()).isNotNull();
    assertThat(described.name()).isEqualTo(name);
    assertThat(described.definition()).isEqualTo(DEFINITION);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
  }

  @Test
  void shouldAnswerErrorsAsTheSdksExceptions() {
    String name = LocalStack.uniqueName("taken");
    sfn.createStateMachine(b -> b.name(name).definition(DEFINITION).roleArn(ROLE));

    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b ->
                        b.name(name)
                            .definition(DEFINITION.replace("Hello", "Other"))
                            .roleArn(ROLE)))
        .isInstanceOf(StateMachineAlreadyExistsException.class);
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b ->
                        b.name(LocalStack.uniqueName("bad"))
                            .definition("{\"StartAt\": \"Nowhere\", \"States\": {}}")
                            .roleArn(ROLE)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("MISSING_STATES at /States")
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).requestId()).isNotBlank());
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b -> b.name("no spaces").definition(DEFINITION).roleArn(ROLE)))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(
            () ->
                sfn.describeStateMachine(
                    b ->
                        b.stateMachineArn(
                            "arn:aws:states:us-east-1:000000000000:stateMachine:missing")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void shouldCountTheExecutionAndItsTransitionsInMetricsWhenAnExecutionSucceeded() {
    String machine = orchestrator.createMachine("metered", DEFINITION);
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    assertThat(orchestrator.awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    String executions = "pipeline_orchestrator_executions_total{outcome=";
    String machineTag = "state_machine=\"" + machine + "\"";
    String succeeded = executions + "\"succeeded\"," + machineTag + "}";
    List<String> lines =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> get("/metrics").body().lines().toList(),
                l -> l.stream().anyMatch(line -> line.startsWith(succeeded)));

    assertThat(sample(lines, executions + "\"started\"," + machineTag + "}")).isEqualTo(1.0);
    assertThat(sample(lines, succeeded)).isEqualTo(1.0);
    assertThat(sample(lines, "pipeline_orchestrator_state_transitions_total{" + machineTag + "}"))
        .isPositive();
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("kafka_stream_"))
        .anySatisfy(l -> assertThat(l).startsWith("jvm_memory_used_bytes{"));
  }

  @Test
  void shouldAnswerHealthyNamingTheRuntimeStateWhenTheRuntimeRuns() throws Exception {
    HttpResponse<String> health =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> get("/health"), r -> r.body().contains("RUNNING"));

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()))
        .isEqualTo(JSON.readTree("{\"status\": \"UP\", \"parts\": {\"runtime\": \"RUNNING\"}}"));
  }

  @Test
  void shouldRefuseARequestLargerThanTheLimitSayingSo() throws Exception {
    String definition = "{\"Comment\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    HttpResponse<String> refused =
        HTTP.send(
            HttpRequest.newBuilder(orchestrator.apiUri())
                .header("X-Amz-Target", "AWSStepFunctions.CreateStateMachine")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode()
                            .put("name", "large")
                            .put("roleArn", ROLE)
                            .put("definition", definition)
                            .toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("__type").asText())
        .isEqualTo("ValidationException");
    assertThat(JSON.readTree(refused.body()).get("message").asText())
        .contains("larger than the 1114112 bytes");
  }

  @Test
  void shouldAnswerOnlySignedInternalRequests() throws Exception {
    String missing = "arn:aws:states:us-east-1:000000000000:execution:nothing:here";
    ObjectNode request = JSON.createObjectNode().put("executionArn", missing);
    HostInfo self = new HostInfo(orchestrator.apiUri().getHost(), orchestrator.apiUri().getPort());
    byte[] localKey = Base64.getDecoder().decode(OrchestratorConfig.LOCAL_PEER_KEY);
    byte[] otherKey = "another key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> unsigned =
        HTTP.send(
            HttpRequest.newBuilder(orchestrator.apiUri().resolve("/internal/v1/DescribeExecution"))
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(unsigned.body()).get("__type").asText())
        .isEqualTo("AccessDeniedException");
    assertThat(internalError(otherKey, self, request))
        .satisfies(e -> assertThat(e.type()).isEqualTo("AccessDeniedException"))
        .hasMessageContaining("signature does not match");
    assertThat(internalError(localKey, self, request))
        .satisfies(e -> assertThat(e.type()).isEqualTo("ExecutionDoesNotExist"))
        .hasMessageContaining(missing);
  }

  /** Sends a signed internal DescribeExecution for partition 0 and returns the error it gets. */
  private static ApiException internalError(byte[] key, HostInfo host, ObjectNode request) {
    try (Peers peers = new Peers(key, Clock.systemUTC())) {
      CompletableFuture<?> answer = peers.call(host, "DescribeExecution", 0, request);
      return (ApiException)
          assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class)
              .actual()
              .getCause();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(orchestrator.apiUri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of one series in Prometheus' text format. */
  private static double sample(List<String> lines, String series) {
    return lines.stream()
        .filter(l -> l.startsWith(series + " "))
        .map(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in /metrics"));
  }
}
