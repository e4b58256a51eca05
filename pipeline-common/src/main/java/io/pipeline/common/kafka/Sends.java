package io.pipeline.common.kafka;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A producer's send as a future: it completes once Kafka acknowledged the record, or failed. */
public final class Sends {

  private Sends() {}

  /** Sends the record; the future completes with its metadata, or with the send's failure. */
  public static <K, V> CompletableFuture<RecordMetadata> send(
      Producer<K, V> producer, ProducerRecord<K, V> record) {
    CompletableFuture<RecordMetadata> written = new CompletableFuture<>();
    producer.send(
        record,
        (metadata, failure) -> {
          if (failure != null) {
            written.completeExceptionally(failure);
          } else {
            written.complete(metadata);
          }
        });
    return written;
  }
}
