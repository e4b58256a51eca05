package io.pipeline.cli;

import io.pipeline.common.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Option;

/** The option every Kafka-facing command shares, and the clients made from it. */
final class KafkaOptions {

  @Option(
      names = {"-b", "--bootstrap-server"},
      paramLabel = "HOST:PORT",
      description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092).")
  String bootstrapServers;

  String bootstrapServers() {
    return Optional.ofNullable(bootstrapServers)
        .or(() -> Optional.ofNullable(System.getenv(KafkaSettings.BOOTSTRAP_SERVERS.name())))
        .filter(s -> !s.isBlank())
        .orElse("localhost:9092");
  }

  /** Client settings that give up quickly, so an unreachable broker is reported, not waited on. */
  Map<String, Object> clientConfig(Map<String, Object> specific) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 8_000);
    config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    config.putAll(specific);
    return config;
  }

  Admin admin() {
    return Admin.create(clientConfig(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "pipeline-cli")));
  }

  UserException unreachable(Throwable cause) {
    return new UserException(
        "Cannot reach Kafka at "
            + bootstrapServers()
            + " (is ./pipeline up running? use --bootstrap-server to name another cluster)",
        cause);
  }

  /**
   * The partitions of a topic.
   *
   * @throws UserException when the topic does not exist or Kafka cannot be reached
   */
  List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic) {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic);
    } catch (TimeoutException e) {
      throw unreachable(e);
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new UserException(
          "Topic '" + topic + "' does not exist; ./pipeline topics lists the topics there are");
    }
    return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }
}
