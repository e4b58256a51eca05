package io.pipeline.common.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The configuration the services' Kafka Streams applications share: {@code exactly_once_v2} unless
 * told otherwise, String keys and byte values by default (topologies name their serdes), a state
 * folder kept across restarts, and static membership when an instance id is given, so a restarted
 * instance takes its partitions back at once.
 *
 * <p>State stores are transactional (KIP-892, Kafka 4.4): a store holds a transaction's writes
 * apart until the transaction commits, so a crash no longer wipes and rebuilds the stores from
 * their changelogs, and interactive queries read committed data only.
 */
public final class StreamsProperties {

  private StreamsProperties() {}

  /**
   * @param kafka how to reach Kafka
   * @param applicationId the application id (instances of one application share it)
   * @param stateDir the state folder, or Kafka Streams' default
   * @param instanceId a stable id of this instance, for static membership
   * @param specific further settings of this application
   */
  public static Properties exactlyOnce(
      KafkaSettings kafka,
      String applicationId,
      Optional<String> stateDir,
      Optional<String> instanceId,
      Map<String, Object> specific) {
    return of(kafka, applicationId, StreamsConfig.EXACTLY_ONCE_V2, stateDir, instanceId, specific);
  }

  /**
   * The same with the processing guarantee given.
   *
   * @param guarantee {@link StreamsConfig#EXACTLY_ONCE_V2} or {@link StreamsConfig#AT_LEAST_ONCE}
   */
  public static Properties of(
      KafkaSettings kafka,
      String applicationId,
      String guarantee,
      Optional<String> stateDir,
      Optional<String> instanceId,
      Map<String, Object> specific) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    config.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    // The processing exception handler applies to global tables too, as it will by default in
    // Kafka 5.0.
    config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Kafka Streams' partition assignor reads its settings from the main consumer's configuration,
    // which leaves that one out and so warns at every start that it is off: given there too.
    config.put(
        StreamsConfig.mainConsumerPrefix(
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
        true);
    config.put(
        StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.name());
    config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
    config.put(
        StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    stateDir.ifPresent(dir -> config.put(StreamsConfig.STATE_DIR_CONFIG, dir));
    instanceId.ifPresent(
        id ->
            config.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    config.putAll(specific);
    Properties properties = new Properties();
    properties.putAll(kafka.clientConfig(config));
    return properties;
  }
}
