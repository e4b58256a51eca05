package io.pipeline.examples;

import static org.awaitility.Awaitility.await;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.kafka.ConsumerGroups;
import io.pipeline.orchestrator.OrchestratorService;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.schemas.topic.PipelineTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * An orchestrator service started in this JVM on the test JVM's broker, with a fresh application id
 * and state folder, and the official SDK's client of its API.
 *
 * <p>Every test orchestrator of the JVM shares the command, integration-task and Express-start
 * topics. A fresh application id's groups would read them from their start and run again what an
 * earlier test class's orchestrator was asked; they are placed at the topics' ends before it
 * starts.
 */
public final class InProcessOrchestrator implements AutoCloseable {

  private final Path state;
  private final OrchestratorService service;
  private final SfnClient sfn;
  private final KafkaSettings kafka;

  private InProcessOrchestrator(
      Path state, OrchestratorService service, SfnClient sfn, KafkaSettings kafka) {
    this.state = state;
    this.service = service;
    this.sfn = sfn;
    this.kafka = kafka;
  }

  public static InProcessOrchestrator start(LocalStack stack) throws Exception {
    return start(stack, Map.of());
  }

  /**
   * @param more settings added to the usual ones, e.g. {@code ORCHESTRATOR_TRIGGERS}
   */
  public static InProcessOrchestrator start(LocalStack stack, Map<String, String> more)
      throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    String applicationId = LocalStack.uniqueName("examples-orchestrator");
    Path state = Files.createTempDirectory("examples-orchestrator");
    startGroupsAtTopicEnds(bootstrap, applicationId);
    Map<String, String> settings = new HashMap<>(more);
    settings.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    settings.put("ORCHESTRATOR_HTTP_PORT", "0");
    settings.put("ORCHESTRATOR_APPLICATION_ID", applicationId);
    settings.put("ORCHESTRATOR_STATE_DIR", state.toString());
    OrchestratorService service = OrchestratorService.start(Settings.of(settings));
    try {
      if (!service.awaitRunning(Duration.ofSeconds(60))) {
        throw new IllegalStateException("the runtime is " + service.runtimeState());
      }
    } catch (Exception e) {
      service.close();
      throw e;
    }
    SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(service.apiUri())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        ApiCredentials.LOCAL_ACCESS_KEY_ID,
                        ApiCredentials.LOCAL_SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    return new InProcessOrchestrator(state, service, sfn, KafkaSettings.of(bootstrap));
  }

  public SfnClient sfn() {
    return sfn;
  }

  public KafkaSettings kafka() {
    return kafka;
  }

  /** Waits up to 30 s until the execution is no longer running. */
  public DescribeExecutionResponse awaitClosed(String executionArn) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> sfn.describeExecution(b -> b.executionArn(executionArn)),
            described -> described.status() != ExecutionStatus.RUNNING);
  }

  /** The execution's whole history, oldest first. */
  public List<HistoryEvent> history(String executionArn) {
    List<HistoryEvent> events = new ArrayList<>();
    String next = null;
    do {
      String token = next;
      GetExecutionHistoryResponse page =
          sfn.getExecutionHistory(b -> b.executionArn(executionArn).nextToken(token));
      events.addAll(page.events());
      next = page.nextToken();
    } while (next != null);
    return events;
  }

  /** The names of the states the execution entered, in order. */
  public List<String> statesEntered(String executionArn) {
    return history(executionArn).stream()
        .filter(e -> e.stateEnteredEventDetails() != null)
        .map(e -> e.stateEnteredEventDetails().name())
        .toList();
  }

  @Override
  public void close() throws IOException {
    try {
      sfn.close();
      service.close();
    } finally {
      try (Stream<Path> paths = Files.walk(state)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  /**
   * The orchestrator's consumer groups on the topics every test orchestrator shares start at their
   * ends: a fresh application id would otherwise run again what earlier tests' commands asked.
   */
  private static void startGroupsAtTopicEnds(String bootstrap, String applicationId) {
    Map.of(
            applicationId,
            PipelineTopics.EXECUTION_COMMANDS,
            applicationId + "-integrations",
            PipelineTopics.INTEGRATION_TASKS,
            applicationId + "-express",
            PipelineTopics.EXPRESS_STARTS)
        .forEach((group, topic) -> ConsumerGroups.startAtEnd(bootstrap, group, topic));
  }
}
