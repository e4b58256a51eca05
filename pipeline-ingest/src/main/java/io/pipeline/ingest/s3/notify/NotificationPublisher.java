package io.pipeline.ingest.s3.notify;

import io.micrometer.core.instrument.Tags;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes raw S3 notifications and dead letters to Kafka, at-least-once: acks=all and an idempotent
 * producer, and a future that completes only when Kafka has acknowledged every record, so a caller
 * acknowledges its source (deletes the SQS message, answers the webhook) only then.
 */
public final class NotificationPublisher implements AutoCloseable {

  /** The {@code stage} of the dead letters written here. */
  public static final String STAGE = "s3-notifications";

  private final Topic<String, S3Notification> notifications;
  private final Topic<String, DeadLetter> deadLetters;
  private final Clock clock;
  private final KafkaProducer<String, byte[]> producer;
  private final IngestMetrics metrics;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param clientId the producer's client id
   * @param metrics where messages in and out, dead letters, errors and ack times are counted, under
   *     the source {@code sqs} or {@code webhook}
   * @param clock the time put in {@code receivedAt} and {@code failedAt}
   */
  public NotificationPublisher(
      KafkaSettings kafka,
      PipelineTopics topics,
      String clientId,
      IngestMetrics metrics,
      Clock clock) {
    this.metrics = metrics;
    this.notifications = topics.s3Notifications();
    this.deadLetters = topics.ingestDeadLetters();
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig(clientId, Map.of()),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /**
   * Writes one raw notification per event record, keyed by bucket/key (decoded).
   *
   * @return completes when Kafka acknowledged all of them, or fails with the first failure
   */
  public CompletableFuture<Void> publish(
      S3EventSource source, String deliveryId, List<NotificationJson.EventRecord> records) {
    long now = clock.millis();
    metrics
        .messagesIn(sourceTag(source), IngestMetrics.topic(notifications.name()))
        .increment(records.size());
    return CompletableFuture.allOf(
        records.stream()
            .map(
                r ->
                    send(
                        source,
                        notifications,
                        r.notification().recordKey(),
                        S3Notification.newBuilder()
                            .setSource(source.name())
                            .setDeliveryId(deliveryId)
                            .setEventJson(r.json())
                            .setReceivedAt(java.time.Instant.ofEpochMilli(now))
                            .build()))
            .toArray(CompletableFuture[]::new));
  }

  /**
   * Writes a message that is no S3 notification to the dead-letter topic.
   *
   * @param key the record key (the SQS message id, the webhook request id)
   * @param origin where it came from (queue URL, webhook path)
   * @param reason what is wrong with it and where
   */
  public CompletableFuture<Void> deadLetter(
      S3EventSource source,
      String key,
      String origin,
      String reason,
      byte[] payload,
      Map<String, String> attributes) {
    metrics.messagesIn(sourceTag(source), IngestMetrics.topic(deadLetters.name())).increment();
    return send(
        source,
        deadLetters,
        key,
        DeadLetter.newBuilder()
            .setStage(STAGE)
            .setOrigin(origin)
            .setReason(reason)
            .setPayload(ByteBuffer.wrap(payload))
            .setAttributes(Map.copyOf(attributes))
            .setFailedAt(clock.instant())
            .build());
  }

  private <V> CompletableFuture<Void> send(
      S3EventSource source, Topic<String, V> topic, String key, V value) {
    String tag = sourceTag(source);
    Tags tags = IngestMetrics.topic(topic.name());
    AtomicLong inFlight = metrics.inFlight(tag, Tags.empty());
    CompletableFuture<Void> acked = new CompletableFuture<>();
    long sentAt = System.nanoTime();
    inFlight.incrementAndGet();
    try {
      producer.send(
          new ProducerRecord<>(
              topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)),
          (metadata, failure) -> {
            inFlight.decrementAndGet();
            if (failure == null) {
              metrics.kafkaAck(tag, tags).record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
              (topic == deadLetters
                      ? metrics.deadLetters(tag, tags)
                      : metrics.messagesOut(tag, tags))
                  .increment();
              acked.complete(null);
            } else {
              metrics.errors(tag, "kafka", tags).increment();
              acked.completeExceptionally(failure);
            }
          });
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      metrics.errors(tag, "kafka", tags).increment();
      acked.completeExceptionally(e);
    }
    return acked;
  }

  /** The {@code source} tag of a notification's metrics: {@code sqs} or {@code webhook}. */
  static String sourceTag(S3EventSource source) {
    return source == S3EventSource.WEBHOOK ? "webhook" : "sqs";
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
