package io.pipeline.orchestrator.machines;

import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A catalog every instance sees whole: a view, in key order, of a compacted topic of one partition
 * read with {@code read_committed} from its beginning, and the transactional writes that change it.
 * A write returns once this instance's view holds it (read your writes), so a call right after sees
 * it. State machines, their versions and aliases, activities and tags are kept so: few, small and
 * read far more often than written.
 *
 * @param <V> the values
 */
public final class CompactedCatalog<V> implements AutoCloseable {

  private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(30);

  /**
   * One change: {@code value} under {@code key}, or the key's removal when the value is null.
   *
   * @param <V> the values
   */
  public record Change<V>(String key, V value) {
    /** The removal of a key. */
    public static <V> Change<V> remove(String key) {
      return new Change<>(key, null);
    }
  }

  private final Topic<String, V> topic;
  private final KafkaProducer<String, byte[]> producer;
  private final NavigableMap<String, V> view = new ConcurrentSkipListMap<>();
  private final ConsumerLoop<String, byte[]> reader;
  private final Object progress = new Object();
  private long nextOffset;

  /**
   * @param kafka how to reach Kafka
   * @param topic the compacted topic, of one partition
   * @param clientName names the producer's transactional id and the reader's thread
   */
  public CompactedCatalog(KafkaSettings kafka, Topic<String, V> topic, String clientName) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig(
                clientName,
                Map.of(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "pipeline." + clientName + "." + UUID.randomUUID())),
            new StringSerializer(),
            new ByteArraySerializer());
    producer.initTransactions();
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    TopicPartition partition = new TopicPartition(topic.name(), 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    this.reader =
        ConsumerLoop.start(
            clientName,
            consumer,
            Duration.ofMillis(200),
            records -> read(records, consumer.position(partition)));
  }

  /** The value under a key. */
  public Optional<V> get(String key) {
    return Optional.ofNullable(view.get(key));
  }

  /** The entries whose keys start with {@code prefix}, in key order. */
  public Map<String, V> withPrefix(String prefix) {
    return view.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
  }

  /** Every entry, in key order; a live, read-only view. */
  public Map<String, V> all() {
    return java.util.Collections.unmodifiableMap(view);
  }

  /**
   * Applies changes in one transaction, one transaction at a time (callers' threads share the
   * producer), and returns once this instance's view holds them.
   *
   * @throws IllegalStateException when Kafka does not take them, or the view does not catch up in
   *     30 s
   */
  public void write(List<Change<V>> changes) {
    awaitView(transaction(changes));
  }

  private synchronized long transaction(List<Change<V>> changes) {
    producer.beginTransaction();
    try {
      RecordMetadata last = null;
      for (Change<V> change : changes) {
        byte[] value =
            change.value() == null
                ? null
                : topic.valueSerde().serializer().serialize(topic.name(), change.value());
        last = producer.send(new ProducerRecord<>(topic.name(), change.key(), value)).get();
      }
      producer.commitTransaction();
      return last == null ? -1 : last.offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      producer.abortTransaction();
      throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
    } catch (ExecutionException | RuntimeException e) {
      producer.abortTransaction();
      throw new IllegalStateException(
          topic.name() + " did not take " + changes.get(0).key() + ": " + e.getMessage(), e);
    }
  }

  private void awaitView(long offset) {
    long deadline = System.nanoTime() + READ_YOUR_WRITE.toNanos();
    synchronized (progress) {
      while (nextOffset <= offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || reader.isClosed()) {
          throw new IllegalStateException(
              new TimeoutException(
                  "the view of "
                      + topic.name()
                      + " did not reach offset "
                      + offset
                      + " in "
                      + READ_YOUR_WRITE));
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  private void read(ConsumerRecords<String, byte[]> records, long position) {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        view.remove(record.key());
      } else {
        view.put(
            record.key(),
            topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
      }
    }
    synchronized (progress) {
      nextOffset = position;
      progress.notifyAll();
    }
  }

  @Override
  public void close() {
    reader.close();
    producer.close(Duration.ofSeconds(5));
  }
}
