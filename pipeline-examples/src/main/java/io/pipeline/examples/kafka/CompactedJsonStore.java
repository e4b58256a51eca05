package io.pipeline.examples.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic of JSON values as a key-value store: read whole when opened, then kept current
 * by reading on (what other writers put there shows up) and by its own writes, each applied once
 * Kafka acknowledged it. A key's value is replaced only by a record of a later offset, so reading
 * an older record of the store's own never undoes a newer write.
 *
 * <p>Meant for one writer per key at a time: a service that reads, decides and writes (as the
 * examples' services do under a lock) has no protection against another instance doing the same for
 * the same key at the same moment.
 */
public final class CompactedJsonStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CompactedJsonStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

  /** A key's latest value (null for a tombstone) and the offset it was written at. */
  private record Entry(long offset, JsonNode value) {}

  private final Topic<String, String> topic;
  private final Duration writeTimeout;
  private final KafkaProducer<String, String> producer;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final ConsumerLoop<String, String> reader;

  private CompactedJsonStore(
      KafkaSettings kafka, Topic<String, String> topic, String clientId, Duration writeTimeout) {
    this.topic = topic;
    this.writeTimeout = writeTimeout;
    this.producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig(clientId, Map.of()),
            new StringSerializer(),
            new StringSerializer());
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(
                Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    clientId + "-reader")),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    this.reader =
        ConsumerLoop.start(
            clientId + "-reader",
            consumer,
            Duration.ofMillis(200),
            records -> read(consumer, records, ends));
  }

  /**
   * Opens the store and waits until it has read the topic to the end it had when opened.
   *
   * @param topic a compacted topic that exists
   * @param clientId names the store's clients and thread
   * @param writeTimeout how long a write may wait for Kafka's acknowledgement
   */
  public static CompactedJsonStore open(
      KafkaSettings kafka, Topic<String, String> topic, String clientId, Duration writeTimeout) {
    CompactedJsonStore store = new CompactedJsonStore(kafka, topic, clientId, writeTimeout);
    try {
      if (!store.loaded.await(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        store.close();
        throw new IllegalStateException(
            "Could not read " + topic.name() + " to its end within " + LOAD_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      store.close();
      throw new IllegalStateException("Interrupted while reading " + topic.name(), e);
    }
    return store;
  }

  /** The topic this store keeps. */
  public String topicName() {
    return topic.name();
  }

  /** A key's latest value. */
  public Optional<JsonNode> get(String key) {
    Entry entry = entries.get(key);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.value());
  }

  /**
   * Writes a key's value and waits for Kafka's acknowledgement; the store shows it from then on.
   *
   * @throws StoreUnavailableException when Kafka did not take it within the write timeout
   */
  public void put(String key, JsonNode value) throws StoreUnavailableException {
    String text;
    try {
      text = JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not writable as JSON: " + value, e);
    }
    RecordMetadata written;
    try {
      written =
          producer
              .send(new ProducerRecord<>(topic.name(), key, text))
              .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException(topic.name(), "interrupted", e);
    } catch (ExecutionException e) {
      throw new StoreUnavailableException(topic.name(), String.valueOf(e.getCause()), e);
    } catch (TimeoutException e) {
      throw new StoreUnavailableException(
          topic.name(), "no acknowledgement within " + writeTimeout, e);
    }
    apply(key, value, written.offset());
  }

  private void read(
      KafkaConsumer<String, String> consumer,
      ConsumerRecords<String, String> records,
      Map<TopicPartition, Long> ends) {
    for (ConsumerRecord<String, String> record : records) {
      if (record.key() == null) {
        continue;
      }
      try {
        apply(
            record.key(),
            record.value() == null ? null : JSON.readTree(record.value()),
            record.offset());
      } catch (JsonProcessingException e) {
        log.warn(
            "Skipped a record at {}-{}@{} that is not JSON",
            record.topic(),
            record.partition(),
            record.offset());
      }
    }
    if (loaded.getCount() > 0
        && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
      loaded.countDown();
    }
  }

  private void apply(String key, JsonNode value, long offset) {
    entries.merge(
        key,
        new Entry(offset, value),
        (current, candidate) -> candidate.offset() > current.offset() ? candidate : current);
  }

  @Override
  public void close() {
    reader.close();
    producer.close(Duration.ofSeconds(5));
  }
}
