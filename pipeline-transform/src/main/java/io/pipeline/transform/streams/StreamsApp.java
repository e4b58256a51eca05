package io.pipeline.transform.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.pipeline.common.http.PartHealth;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.StaticMembership;
import io.pipeline.common.kafka.StreamsProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topology run as its own Kafka Streams application: its own application id, consumer group and
 * processing guarantee, its Kafka Streams metrics on the service's registry, and a record that
 * cannot be read sent to the dead-letter topic ({@link DeadLetteringHandler}).
 *
 * <p>An exception a processor lets through is a bug, not bad data (bad data goes to dead letters):
 * the application stops rather than skip records or retry one forever, and its health says {@code
 * ERROR} until it is restarted.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Where an application's state lives and how its instance is known.
   *
   * @param stateDir the state folder, or Kafka Streams' default
   * @param instanceId a stable id of this instance, for static membership
   */
  public record Placement(Optional<String> stateDir, Optional<String> instanceId) {}

  private final String applicationId;
  private final Topology topology;
  private final Properties properties;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;

  /**
   * @param kafka how to reach Kafka
   * @param applicationId the application id
   * @param guarantee its processing guarantee
   * @param placement its state folder and instance id
   * @param deadLetters the topic unreadable records go to
   * @param stage the stage name their dead letters carry
   * @param topology what it runs
   * @param meters where its metrics go
   */
  public StreamsApp(
      KafkaSettings kafka,
      String applicationId,
      ProcessingGuarantee guarantee,
      Placement placement,
      String deadLetters,
      String stage,
      Topology topology,
      MeterRegistry meters) {
    Map<String, Object> specific = new HashMap<>();
    specific.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringHandler.class.getName());
    specific.put(DeadLetteringHandler.TOPIC, deadLetters);
    specific.put(DeadLetteringHandler.STAGE, stage);
    this.applicationId = applicationId;
    this.topology = topology;
    this.properties =
        StreamsProperties.of(
            kafka,
            applicationId,
            guarantee.config(),
            placement.stateDir(),
            placement.instanceId().map(id -> id + "-" + applicationId),
            specific);
    this.streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(
        exception -> {
          log.error(
              "Transform '{}' stopped: a processor failed on a record it should have sent to"
                  + " dead letters",
              applicationId,
              exception);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            log.info("Transform '{}' running", applicationId);
          }
        });
    this.metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(meters);
  }

  /** Starts processing. */
  public void start() {
    StaticMembership.prepare(topology, properties);
    streams.start();
    log.info("Transform '{}' started", applicationId);
  }

  /** The application id. */
  public String applicationId() {
    return applicationId;
  }

  /** Its Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Its health, as {@code /health} reports it. */
  public PartHealth health() {
    return PartHealth.of(streams.state());
  }

  @Override
  public void close() {
    metrics.close();
    streams.close(CLOSE_TIMEOUT);
  }
}
