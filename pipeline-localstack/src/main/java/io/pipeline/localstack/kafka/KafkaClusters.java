package io.pipeline.localstack.kafka;

import java.nio.file.Path;
import java.util.Map;

/** Starts the Kafka cluster a backend names. */
public final class KafkaClusters {

  private KafkaClusters() {}

  /**
   * Starts (or, for an external cluster, connects to) the cluster for this environment, chosen by
   * {@link KafkaBackend#select}.
   *
   * @param env the environment variables
   * @param dataDir where an embedded broker keeps its data
   */
  public static KafkaCluster forEnvironment(Map<String, String> env, Path dataDir) {
    KafkaBackend backend = KafkaBackend.select(env, ContainerKafka::dockerAvailable);
    return switch (backend) {
      case EXTERNAL -> new ExternalKafka(env.get(KafkaBackend.BOOTSTRAP_ENV).trim());
      case TESTCONTAINERS -> ContainerKafka.launch();
      case EMBEDDED -> EmbeddedKafkaBroker.launch(dataDir, 0, Map.of());
    };
  }
}
