package io.pipeline.localstack.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka in a container, through Testcontainers, where a Docker engine is available. */
public final class ContainerKafka implements KafkaCluster {

  /** The image matches the Kafka version of the build. */
  public static final String IMAGE = "apache/kafka:4.4.0";

  private final KafkaContainer container;

  private ContainerKafka(KafkaContainer container) {
    this.container = container;
  }

  /** Starts a single-node Kafka container. */
  public static ContainerKafka launch() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new ContainerKafka(container);
  }

  /**
   * Whether a Docker engine answers. Testcontainers is asked only when a Docker socket or {@code
   * DOCKER_HOST} exists, so machines without Docker do not wait for its probe.
   */
  public static boolean dockerAvailable() {
    boolean hint =
        System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    return hint && DockerClientFactory.instance().isDockerAvailable();
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public KafkaBackend backend() {
    return KafkaBackend.TESTCONTAINERS;
  }

  @Override
  public void close() {
    container.stop();
  }
}
