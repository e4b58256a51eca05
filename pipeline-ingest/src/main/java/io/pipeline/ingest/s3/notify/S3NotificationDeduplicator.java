package io.pipeline.ingest.s3.notify;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.StaticMembership;
import io.pipeline.common.kafka.StreamsProperties;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once Kafka Streams step between raw S3 notifications ({@code
 * pipeline.s3.notifications}, at-least-once, duplicates possible) and {@code
 * pipeline.s3.object-events}: one event per object version, however often its notification came.
 * See {@link DeduplicationProcessor} for the rule.
 */
public final class S3NotificationDeduplicator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(S3NotificationDeduplicator.class);

  static final String SOURCE = "s3-notifications-source";
  static final String PROCESSOR = "s3-notification-dedup";
  static final String STORE = "s3-notification-last-seen";

  private final KafkaStreams streams;
  private final S3NotificationConfig config;
  private final Topology topology;
  private final Properties properties;

  /**
   * @param config the application id, state folder, filters and retention
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   */
  public S3NotificationDeduplicator(
      S3NotificationConfig config, KafkaSettings kafka, PipelineTopics topics) {
    this.config = config;
    this.topology = topology(topics, config.filters(), config.retention());
    this.properties = properties(kafka);
    this.streams = new KafkaStreams(topology, properties);
  }

  /**
   * The topology: raw notifications → deduplication (with its store) → object events, or dead
   * letters. Every node is named, so internal names stay stable across deploys.
   */
  public static Topology topology(
      PipelineTopics topics, NotificationFilters filters, Duration retention) {
    Topology topology = new Topology();
    topology.addSource(
        SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        topics.s3Notifications().name());
    topology.addProcessor(
        PROCESSOR,
        () -> new DeduplicationProcessor(topics.s3Notifications(), STORE, filters, retention),
        SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), LastSeen.serde()),
        PROCESSOR);
    topology.addSink(
        DeduplicationProcessor.EVENTS_SINK,
        topics.s3ObjectEvents().name(),
        new StringSerializer(),
        topics.s3ObjectEvents().valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        DeduplicationProcessor.DEAD_LETTER_SINK,
        topics.ingestDeadLetters().name(),
        new StringSerializer(),
        topics.ingestDeadLetters().valueSerde().serializer(),
        PROCESSOR);
    return topology;
  }

  private Properties properties(KafkaSettings kafka) {
    return StreamsProperties.exactlyOnce(
        kafka, config.applicationId(), config.stateDir(), config.instanceId(), Map.of());
  }

  /** Starts the step. */
  public void start() {
    StaticMembership.prepare(topology, properties);
    streams.start();
    log.info(
        "S3 notification deduplication running as '{}' (filters {}, remembering keys {})",
        config.applicationId(),
        config.filters().filters().isEmpty() ? "none" : config.filters().filters(),
        config.retention());
  }

  /** The step's Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
