package io.pipeline.common.kafka;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How every service reaches Kafka: the bootstrap servers, plus an optional client properties file
 * for what a real cluster needs (TLS, SASL, client.rack...), merged into every client.
 *
 * @param bootstrapServers the brokers, e.g. {@code broker-1:9092,broker-2:9092}
 * @param clientConfig further client settings from {@link #CLIENT_CONFIG}
 */
public record KafkaSettings(String bootstrapServers, Map<String, Object> clientConfig) {

  /** The brokers to bootstrap from. */
  public static final Setting<String> BOOTSTRAP_SERVERS =
      Setting.string(
          "KAFKA_BOOTSTRAP_SERVERS",
          "localhost:9092",
          "Kafka brokers to bootstrap from, comma-separated host:port pairs.");

  /** A properties file merged into every Kafka client's configuration. */
  public static final Setting<Optional<String>> CLIENT_CONFIG =
      Setting.optionalString(
          "KAFKA_CLIENT_CONFIG",
          "Path of a Java properties file with further Kafka client settings (security.protocol,"
              + " sasl.*, ssl.*...), applied to every producer, consumer and admin client.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS = List.of(BOOTSTRAP_SERVERS, CLIENT_CONFIG);

  public KafkaSettings {
    clientConfig = Map.copyOf(clientConfig);
  }

  /** Reads and validates the Kafka settings. */
  public static KafkaSettings from(Settings settings) {
    String bootstrap = settings.get(BOOTSTRAP_SERVERS).trim();
    if (bootstrap.isEmpty()) {
      throw new ConfigException(
          "Setting KAFKA_BOOTSTRAP_SERVERS is empty: name at least one broker");
    }
    Map<String, Object> extra = new HashMap<>();
    settings.get(CLIENT_CONFIG).ifPresent(file -> extra.putAll(load(Path.of(file))));
    return new KafkaSettings(bootstrap, extra);
  }

  /** Settings for a cluster at this address, with no further client settings. */
  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, Map.of());
  }

  /** A client configuration: the extra settings, the bootstrap servers, then {@code specific}. */
  public Map<String, Object> clientConfig(Map<String, Object> specific) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putAll(specific);
    return config;
  }

  /**
   * The configuration of a producer whose acknowledged records survive a broker's loss and are
   * never written twice by its own retries. A 5 ms linger unless the extra settings tune it; then
   * the extra settings and the bootstrap servers; then, whatever the extra settings say, {@code
   * acks=all}, idempotence and this client id; then {@code specific}.
   */
  public Map<String, Object> reliableProducerConfig(String clientId, Map<String, Object> specific) {
    return reliableProducerConfig(clientId, Map.of(), specific);
  }

  /**
   * As {@link #reliableProducerConfig(String, Map)}, with {@code defaults} after the 5 ms linger:
   * what the producer tunes for its own load, which the extra settings may still override.
   */
  public Map<String, Object> reliableProducerConfig(
      String clientId, Map<String, Object> defaults, Map<String, Object> specific) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putAll(defaults);
    config.putAll(clientConfig);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.putAll(specific);
    return config;
  }

  /**
   * The configuration of a consumer in a group that commits by itself, only what it has done:
   * auto-commit off, {@code read_committed} (records of aborted transactions never show), and a new
   * group starting at the earliest record; then {@code specific}.
   */
  public Map<String, Object> groupConsumerConfig(String groupId, Map<String, Object> specific) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.putAll(specific);
    return clientConfig(config);
  }

  private static Map<String, Object> load(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException(
          "Setting KAFKA_CLIENT_CONFIG names " + file + ", which cannot be read: " + e.getMessage(),
          e);
    }
    Map<String, Object> map = new HashMap<>();
    props.forEach((k, v) -> map.put(k.toString(), v));
    return map;
  }
}
