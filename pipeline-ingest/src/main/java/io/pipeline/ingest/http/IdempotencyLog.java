package io.pipeline.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.http.IdempotencyStore.Position;
import io.pipeline.schemas.topic.Topic;
import io.pipeline.schemas.topic.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The produce endpoint's memory of idempotency keys, kept in the compacted topic {@value #NAME}:
 * key {@code <topic>/<idempotency key>}, value {@code {"partition": 2, "offset": 41, "writtenAt":
 * 1764000000000}} (epoch milliseconds). Read back into an {@link IdempotencyStore} at start-up, so
 * a restarted endpoint still recognises the keys it wrote.
 */
final class IdempotencyLog {

  /** The topic's name. */
  static final String NAME = "_pipeline.produce.idempotency";

  private static final Logger log = LoggerFactory.getLogger(IdempotencyLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private IdempotencyLog() {}

  /**
   * The topic: compacted (the last entry of a key is kept) and deleted after the window, since
   * older entries are ignored anyway.
   */
  static Topic<String, String> topic(Duration window) {
    return new Topic<>(
        NAME,
        Serdes.String(),
        Serdes.String(),
        Optional.empty(),
        new TopicSpec(
            3,
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(window.toMillis()))));
  }

  /** Appends a write; the future completes when Kafka acknowledged the entry. */
  static CompletableFuture<Void> append(
      Producer<String, byte[]> producer, String id, Position position, Instant writtenAt) {
    String value =
        "{\"partition\":"
            + position.partition()
            + ",\"offset\":"
            + position.offset()
            + ",\"writtenAt\":"
            + writtenAt.toEpochMilli()
            + "}";
    CompletableFuture<Void> acked = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(NAME, id, value.getBytes(StandardCharsets.UTF_8)),
        (metadata, error) -> {
          if (error == null) {
            acked.complete(null);
          } else {
            acked.completeExceptionally(error);
          }
        });
    return acked;
  }

  /**
   * Reads the whole topic into the store.
   *
   * @return how many entries were read
   */
  static int restore(KafkaSettings kafka, IdempotencyStore store) {
    Map<String, Object> config =
        kafka.clientConfig(
            Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "ingest-http-idempotency-restore"));
    int read = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(NAME, READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
      Instant deadline = Instant.now().plus(READ_TIMEOUT);
      while (!reachedEnd(consumer, ends)) {
        if (Instant.now().isAfter(deadline)) {
          throw new KafkaException(
              "Could not read " + NAME + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(store, record);
          read++;
        }
      }
    }
    log.info("Restored {} idempotency keys from {} ({} remembered)", read, NAME, store.size());
    return read;
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static void apply(IdempotencyStore store, ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.remove(record.key());
      return;
    }
    try {
      JsonNode entry = JSON.readTree(record.value());
      store.restore(
          record.key(),
          new Position(entry.get("partition").intValue(), entry.get("offset").longValue()),
          entry.get("writtenAt").longValue());
    } catch (IOException | RuntimeException e) {
      // One unreadable entry loses one key's memory, not the service's start.
      log.warn(
          "Ignoring an unreadable entry of {} at partition {}, offset {}: {}",
          NAME,
          record.partition(),
          record.offset(),
          e.toString());
    }
  }
}
