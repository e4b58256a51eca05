package io.pipeline.transform.etl;

import io.pipeline.common.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one object's rows in one Kafka transaction, under a transactional id derived from the
 * object: starting it fences (and so aborts) an earlier attempt at the same object that is still
 * open, e.g. that of a worker that crashed; nothing of an attempt is visible to {@code
 * read_committed} consumers until {@link #commit()}. Closing without committing aborts.
 */
final class RowPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RowPublisher.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private boolean open;
  private long sent;

  private RowPublisher(KafkaProducer<String, byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Starts the transaction of a load. */
  static RowPublisher begin(
      KafkaSettings kafka, String topic, String transactionalId, Duration transactionTimeout) {
    Map<String, Object> config =
        kafka.reliableProducerConfig(
            "etl-" + transactionalId,
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                (int) transactionTimeout.toMillis(),
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                128 * 1024));
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    RowPublisher publisher = new RowPublisher(producer, topic);
    try {
      producer.initTransactions();
      producer.beginTransaction();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    publisher.open = true;
    return publisher;
  }

  /**
   * Sends a row; blocks while the producer's buffer is full.
   *
   * @param value the row, encoded by the topic's serde
   * @throws KafkaException when an earlier row could not be written
   */
  void send(String rowId, byte[] value) {
    Exception failed = failure.get();
    if (failed != null) {
      throw new KafkaException("a row of this load could not be written: " + failed, failed);
    }
    producer.send(
        new ProducerRecord<>(topic, rowId, value),
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
    sent++;
  }

  /** Commits the rows sent: they become visible together. */
  void commit() {
    producer.commitTransaction();
    open = false;
  }

  /** The rows sent so far. */
  long sent() {
    return sent;
  }

  @Override
  public void close() {
    if (open) {
      open = false;
      try {
        producer.abortTransaction();
      } catch (KafkaException e) {
        // Fenced or unreachable: the broker aborts it, at the latest after the transaction timeout.
        log.debug("Could not abort the transaction of {}: {}", topic, e.toString());
      }
    }
    producer.close(Duration.ofSeconds(5));
  }
}
