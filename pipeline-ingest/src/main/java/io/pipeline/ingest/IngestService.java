package io.pipeline.ingest;

import io.pipeline.common.config.Settings;
import io.pipeline.common.http.PartHealth;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.common.metrics.ServiceMetrics;
import io.pipeline.common.s3.S3Settings;
import io.pipeline.ingest.http.IngestHttpConfig;
import io.pipeline.ingest.http.IngestHttpServer;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.ingest.mqtt.MqttBridge;
import io.pipeline.ingest.mqtt.MqttBridgeConfig;
import io.pipeline.ingest.s3.S3ListingBridge;
import io.pipeline.ingest.s3.S3ListingConfig;
import io.pipeline.ingest.s3.notify.S3NotificationConfig;
import io.pipeline.ingest.s3.notify.S3Notifications;
import io.pipeline.ingest.s3.notify.S3WebhookHandler;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ingest service: the bridges that bring outside events into Kafka. Reads and validates all its
 * settings before it starts anything.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);

  private final Parts parts = new Parts("Ingest service");
  private final Map<String, BooleanSupplier> health = new ConcurrentHashMap<>();
  private final Map<String, Handler> routes = new LinkedHashMap<>();
  private Optional<S3ListingBridge> listing = Optional.empty();
  private IngestMetrics metrics;
  private IngestHttpServer http;
  private S3Notifications s3Notifications;

  private IngestService() {}

  /**
   * Starts every bridge the settings turn on.
   *
   * @throws io.pipeline.common.config.ConfigException when a setting is wrong
   */
  public static IngestService start(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    S3ListingConfig listingConfig = S3ListingConfig.from(settings);
    S3Settings s3Settings = S3Settings.from(settings);
    MqttBridgeConfig mqttConfig = MqttBridgeConfig.from(settings);
    IngestHttpConfig httpConfig = IngestHttpConfig.from(settings);
    S3NotificationConfig notificationConfig = S3NotificationConfig.from(settings);

    IngestService service = new IngestService();
    try {
      service.metrics = new IngestMetrics(service.track(new ServiceMetrics()).registry());
      SchemaTopic schemas = service.track(PipelineKafka.prepare(kafka, settings));
      PipelineTopics topics = new PipelineTopics(schemas);
      if (listingConfig.enabled()) {
        S3Client s3 = service.track(s3Settings.newClient());
        S3ListingBridge bridge =
            service.track(
                new S3ListingBridge(
                    listingConfig, kafka, topics, s3, service.metrics(), Clock.systemUTC()));
        bridge.start();
        service.listing = Optional.of(bridge);
        service.health.put("s3-listing", () -> !bridge.isStopped());
      } else {
        log.info("S3 listing bridge is off: set S3_LISTING_BUCKETS to watch buckets");
      }
      S3Notifications notifications =
          service.track(
              S3Notifications.start(
                  notificationConfig, kafka, topics, s3Settings, service.metrics()));
      service.s3Notifications = notifications;
      if (notifications.enabled()) {
        service.health.put("s3-notifications", notifications::isRunning);
      }
      if (mqttConfig.enabled()) {
        PipelineKafka.ensure(kafka, settings, MqttBridge.extraTopics(mqttConfig, topics));
        MqttBridge bridge =
            service.track(
                new MqttBridge(
                    mqttConfig, kafka, topics, schemas, service.metrics(), Clock.systemUTC()));
        bridge.start();
        service.health.put("mqtt", bridge::isConnected);
      } else {
        log.info("MQTT bridge is off: set MQTT_URL to copy MQTT messages to Kafka");
      }
      service
          .s3Notifications
          .webhookHandler()
          .ifPresent(h -> service.routes.put(S3WebhookHandler.PATH, h));
      service.http =
          service.track(
              IngestHttpServer.builder(httpConfig, kafka, topics, schemas, service.metrics)
                  .routes(service.routes)
                  .replicationFactor(settings.get(PipelineKafka.REPLICATION_FACTOR))
                  .health(service::health)
                  .start());
      service.health.put("http", service.http::isRunning);
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** The S3 listing bridge, when it runs. */
  public Optional<S3ListingBridge> listingBridge() {
    return listing;
  }

  /** The HTTP server's base URI (produce endpoint, {@code /metrics}, {@code /health}). */
  public URI httpUri() {
    return http.uri();
  }

  /** The ingest meters, for the bridges. */
  public IngestMetrics metrics() {
    return metrics;
  }

  /** Whether each part of the service runs, by name, as {@code /health} reports it. */
  public Map<String, PartHealth> health() {
    Map<String, PartHealth> parts = new TreeMap<>();
    health.forEach((name, up) -> parts.put(name, PartHealth.of(up.getAsBoolean())));
    return parts;
  }

  private <T extends AutoCloseable> T track(T part) {
    return parts.track(part);
  }

  @Override
  public void close() {
    parts.close();
  }
}
