package io.pipeline.orchestrator;

import static org.awaitility.Awaitility.await;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * An orchestrator service running in this JVM on the local stack's Kafka, its state in a temporary
 * folder, with an AWS SDK client pointed at it. Tests get one from {@link OrchestratorExtension}.
 */
public final class OrchestratorFixture implements AutoCloseable {

  private final KafkaSettings kafka;
  private final Path state;
  private final OrchestratorService service;
  private final SfnClient sfn;

  private OrchestratorFixture(
      KafkaSettings kafka, Path state, OrchestratorService service, SfnClient sfn) {
    this.kafka = kafka;
    this.state = state;
    this.service = service;
    this.sfn = sfn;
  }

  /**
   * Starts an orchestrator with a fresh application id and state folder.
   *
   * @param more settings added to, or replacing, the ones every test orchestrator has
   */
  public static OrchestratorFixture start(LocalStack stack, Map<String, String> more) {
    Path state = createStateFolder();
    Map<String, String> values = new HashMap<>();
    values.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
    values.put("ORCHESTRATOR_HTTP_PORT", "0");
    values.put("ORCHESTRATOR_APPLICATION_ID", LocalStack.uniqueName("orchestrator"));
    values.put("ORCHESTRATOR_STATE_DIR", state.toString());
    values.putAll(more);
    FreshGroups.startAtEnd(
        stack.kafka().bootstrapServers(), values.get("ORCHESTRATOR_APPLICATION_ID"));
    OrchestratorService service = OrchestratorService.start(Settings.of(values));
    try {
      if (!service.awaitRunning(Duration.ofSeconds(60))) {
        throw new IllegalStateException("the runtime is " + service.runtimeState());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    return new OrchestratorFixture(
        KafkaSettings.of(stack.kafka().bootstrapServers()),
        state,
        service,
        Sfn.client(service.apiUri()));
  }

  /** The client of the orchestrator's Step Functions API. */
  public SfnClient sfn() {
    return sfn;
  }

  /** Where the Step Functions API, {@code /metrics} and {@code /health} answer. */
  public URI apiUri() {
    return service.apiUri();
  }

  /** The Kafka the orchestrator runs on, for workers and command gateways of the test. */
  public KafkaSettings kafka() {
    return kafka;
  }

  /** Creates a state machine named {@code prefix} and a unique suffix; returns its ARN. */
  public String createMachine(String prefix, String definition) {
    return Sfn.createMachine(sfn, prefix, definition);
  }

  /** Waits up to a minute, polling every 100 ms, until the execution is no longer RUNNING. */
  public DescribeExecutionResponse awaitClosed(String executionArn) {
    return Sfn.awaitClosed(
        sfn,
        executionArn,
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)));
  }

  @Override
  public void close() {
    try {
      sfn.close();
      service.close();
    } finally {
      deleteStateFolder();
    }
  }

  private static Path createStateFolder() {
    try {
      return Files.createTempDirectory("orchestrator-state");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the orchestrator's state folder", e);
    }
  }

  private void deleteStateFolder() {
    try (Stream<Path> paths = Files.walk(state)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the orchestrator's state folder " + state, e);
    }
  }
}
