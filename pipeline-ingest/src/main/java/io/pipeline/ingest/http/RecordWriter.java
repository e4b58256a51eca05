package io.pipeline.ingest.http;

import io.micrometer.core.instrument.Tags;
import io.pipeline.ingest.http.IdempotencyStore.Claim;
import io.pipeline.ingest.http.IdempotencyStore.Position;
import io.pipeline.ingest.metrics.IngestMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends checked records to Kafka, each idempotency key at most once, and says where each record
 * went once Kafka acknowledged it. Bounds the bytes waiting for acknowledgement. Thread-safe.
 */
final class RecordWriter {

  /** Record header carrying a record's idempotency key. */
  static final String IDEMPOTENCY_HEADER = "pipeline-idempotency-key";

  /** Per-record bytes Kafka adds to key, value and headers (record and batch headers), at most. */
  private static final int RECORD_OVERHEAD = 100;

  /** Bytes sent and not yet acknowledged, at most: below the producer's buffer.memory (32 MiB). */
  private static final long MAX_IN_FLIGHT_BYTES = 16L * 1024 * 1024;

  private final String source;
  private final Producer<String, byte[]> producer;
  private final IdempotencyStore idempotency;
  private final IngestMetrics metrics;
  private final Executor executor;
  private final Clock clock;
  private final AtomicLong inFlightRecords;
  private final AtomicLong inFlightBytes = new AtomicLong();

  /**
   * @param source the metrics' {@code source} tag
   * @param producer an idempotent producer with acks=all
   * @param idempotency the keys written so far
   * @param metrics where sends, acknowledgements and errors are counted
   * @param executor where work that follows an acknowledgement runs (not the producer's thread)
   * @param clock the time written with an idempotency entry
   */
  RecordWriter(
      String source,
      Producer<String, byte[]> producer,
      IdempotencyStore idempotency,
      IngestMetrics metrics,
      Executor executor,
      Clock clock) {
    this.source = source;
    this.producer = producer;
    this.idempotency = idempotency;
    this.metrics = metrics;
    this.executor = executor;
    this.clock = clock;
    this.inFlightRecords = metrics.inFlight(source, Tags.empty());
  }

  /**
   * Reserves room for a batch of this many bytes; false when too much waits for Kafka already. A
   * batch alone is always let through. Each {@link #write} gives its record's share back.
   */
  boolean reserve(long bytes) {
    while (true) {
      long current = inFlightBytes.get();
      if (current > 0 && current + bytes > MAX_IN_FLIGHT_BYTES) {
        return false;
      }
      if (inFlightBytes.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /**
   * Writes a record whose room was reserved, unless its idempotency key was written already. Never
   * fails: a record Kafka did not take is an {@link Outcome} with an error.
   */
  CompletableFuture<Outcome> write(String topic, Encoded record, Tags tags) {
    Optional<String> key = record.record().idempotencyKey();
    if (key.isEmpty()) {
      return send(topic, record, tags).handle(Outcome::of);
    }
    Claim claim = idempotency.claim(topic, key.get());
    if (claim instanceof Claim.Known known) {
      release(record.size());
      metrics.duplicates(source, tags).increment();
      return known.position().handle(Outcome::of).thenApply(Outcome::asDuplicate);
    }
    CompletableFuture<Position> promise = ((Claim.Fresh) claim).promise();
    // Not on the producer's I/O thread, which a send waiting for metadata would block.
    send(topic, record, tags)
        .thenComposeAsync(
            position ->
                IdempotencyLog.append(
                        producer, IdempotencyStore.id(topic, key.get()), position, clock.instant())
                    .thenApply(logged -> position),
            executor)
        .whenComplete(
            (position, error) -> {
              if (error == null) {
                promise.complete(position);
              } else {
                promise.completeExceptionally(error);
              }
            });
    return promise.handle(Outcome::of);
  }

  private CompletableFuture<Position> send(String topic, Encoded record, Tags tags) {
    CompletableFuture<Position> acked = new CompletableFuture<>();
    RecordHeaders headers = new RecordHeaders();
    record
        .record()
        .idempotencyKey()
        .ifPresent(
            k ->
                headers.add(
                    new RecordHeader(IDEMPOTENCY_HEADER, k.getBytes(StandardCharsets.UTF_8))));
    ProducerRecord<String, byte[]> kafkaRecord =
        new ProducerRecord<>(
            topic, null, record.record().key().orElse(null), record.value(), headers);
    inFlightRecords.incrementAndGet();
    long started = System.nanoTime();
    try {
      producer.send(
          kafkaRecord,
          (metadata, error) -> {
            inFlightRecords.decrementAndGet();
            release(record.size());
            if (error == null) {
              metrics
                  .kafkaAck(source, Tags.empty())
                  .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
              metrics.messagesOut(source, tags).increment();
              acked.complete(new Position(metadata.partition(), metadata.offset()));
            } else {
              metrics.errors(source, "kafka", tags).increment();
              acked.completeExceptionally(error);
            }
          });
    } catch (KafkaException e) {
      inFlightRecords.decrementAndGet();
      release(record.size());
      metrics.errors(source, "kafka", tags).increment();
      acked.completeExceptionally(e);
    }
    return acked;
  }

  private void release(long bytes) {
    inFlightBytes.addAndGet(-bytes);
  }

  /** A checked record with its value bytes. */
  record Encoded(ProduceRequest.Record record, byte[] value) {
    long size() {
      long key = record.key().map(k -> k.getBytes(StandardCharsets.UTF_8).length).orElse(0);
      long header =
          record
              .idempotencyKey()
              .map(k -> IDEMPOTENCY_HEADER.length() + k.length() * 4L)
              .orElse(0L);
      return RECORD_OVERHEAD + key + value.length + header;
    }
  }

  /** What became of one record: where it was written, or why it was not. */
  record Outcome(Optional<Position> position, boolean duplicate, Optional<String> error) {
    static Outcome of(Position position, Throwable error) {
      if (error == null) {
        return new Outcome(Optional.of(position), false, Optional.empty());
      }
      Throwable cause = error instanceof CompletionException ? error.getCause() : error;
      return new Outcome(Optional.empty(), false, Optional.of(String.valueOf(cause.getMessage())));
    }

    Outcome asDuplicate() {
      return new Outcome(position, position.isPresent(), error);
    }
  }
}
