package io.pipeline.ingest.s3.notify;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.common.s3.S3Settings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 notification path of the ingest service, as its settings turn it on: the SQS bridge, the
 * webhook handler (mounted by the HTTP server) and the deduplication step that follows both.
 */
public final class S3Notifications implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(S3Notifications.class);

  private final Parts parts = new Parts("S3 notifications");
  private Optional<Handler> webhook = Optional.empty();
  private Optional<S3NotificationDeduplicator> deduplicator = Optional.empty();

  private S3Notifications() {}

  /** Starts what the settings turn on; nothing when no notification source is set. */
  public static S3Notifications start(
      S3NotificationConfig config,
      KafkaSettings kafka,
      PipelineTopics topics,
      S3Settings s3,
      IngestMetrics metrics) {
    S3Notifications started = new S3Notifications();
    if (!config.enabled()) {
      log.info(
          "S3 notification bridges are off: set S3_NOTIFICATIONS_SQS_QUEUE_URLS or"
              + " S3_NOTIFICATIONS_WEBHOOK=true to receive S3 event notifications");
      return started;
    }
    try {
      started.deduplicator =
          Optional.of(started.track(new S3NotificationDeduplicator(config, kafka, topics)));
      started.deduplicator.get().start();
      NotificationPublisher publisher =
          started.track(
              new NotificationPublisher(
                  kafka, topics, "s3-notifications", metrics, Clock.systemUTC()));
      if (config.sqsEnabled()) {
        started
            .track(
                new SqsNotificationBridge(
                    config, started.track(config.newSqsClient(s3)), publisher))
            .start();
      }
      if (config.webhookEnabled()) {
        started.webhook = Optional.of(new S3WebhookHandler(publisher, config.webhookToken()));
        log.info(
            "S3 webhook notifications accepted at {}{}",
            S3WebhookHandler.PATH,
            config.webhookToken().isPresent() ? " with a bearer token" : " without a token");
      }
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** Whether notifications are received at all (some source is on). */
  public boolean enabled() {
    return deduplicator.isPresent();
  }

  /**
   * Whether the deduplication step processes (its Kafka Streams client is running or rebalancing);
   * false once it stopped or failed.
   */
  public boolean isRunning() {
    return deduplicator.map(d -> d.state().isRunningOrRebalancing()).orElse(false);
  }

  /** The webhook handler, when {@code S3_NOTIFICATIONS_WEBHOOK} is on. */
  public Optional<Handler> webhookHandler() {
    return webhook;
  }

  private <T extends AutoCloseable> T track(T part) {
    return parts.track(part);
  }

  @Override
  public void close() {
    parts.close();
  }
}
