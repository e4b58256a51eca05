package io.pipeline.ingest.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Tags;
import io.pipeline.ingest.http.IdempotencyStore.Claim;
import io.pipeline.ingest.http.IdempotencyStore.Position;
import io.pipeline.ingest.http.ProduceRequest.RecordError;
import io.pipeline.ingest.http.TopicLookup.TopicInfo;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.schemas.json.JsonRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /topics/{topic}}: JSON records in, Kafka records out. Every record of a request is
 * checked first; if any is bad, none is written (422, with each bad record's index, path and
 * reason). Otherwise all are sent, and the answer (200, each record's partition and offset) goes
 * out from the producer's callbacks once Kafka acknowledged every one of them; no thread waits.
 */
final class ProduceHandler extends Handler.Abstract {

  /** Path prefix this handler serves. */
  static final String PREFIX = "/topics/";

  /** Record header carrying a record's idempotency key. */
  static final String IDEMPOTENCY_HEADER = "pipeline-idempotency-key";

  private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);
  private static final String SOURCE = "http";
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /** Per-record bytes Kafka adds to key, value and headers (record and batch headers), at most. */
  private static final int RECORD_OVERHEAD = 100;

  /** Bytes sent and not yet acknowledged, at most: below the producer's buffer.memory (32 MiB). */
  private static final long MAX_IN_FLIGHT_BYTES = 16L * 1024 * 1024;

  private final int maxBodyBytes;
  private final TopicLookup lookup;
  private final Producer<String, byte[]> producer;
  private final IdempotencyStore idempotency;
  private final IngestMetrics metrics;
  private final Executor executor;
  private final Clock clock;
  private final AtomicLong inFlightRecords;
  private final AtomicLong inFlightBytes = new AtomicLong();

  ProduceHandler(
      int maxBodyBytes,
      TopicLookup lookup,
      Producer<String, byte[]> producer,
      IdempotencyStore idempotency,
      IngestMetrics metrics,
      Executor executor,
      Clock clock) {
    this.maxBodyBytes = maxBodyBytes;
    this.lookup = lookup;
    this.producer = producer;
    this.idempotency = idempotency;
    this.metrics = metrics;
    this.executor = executor;
    this.clock = clock;
    this.inFlightRecords = metrics.inFlight(SOURCE, Tags.empty());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String topic = request.getHttpURI().getCanonicalPath().substring(PREFIX.length());
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      return refuse(
          response, callback, 405, "method_not_allowed", "use POST to produce to a topic");
    }
    if (!TOPIC_NAME.matcher(topic).matches()) {
      return refuse(
          response,
          callback,
          404,
          "unknown_topic",
          "'" + topic + "' is not a topic name (letters, digits, '.', '_' and '-')");
    }
    if (topic.startsWith("_")) {
      return refuse(response, callback, 403, "internal_topic", "topic '" + topic + "' is internal");
    }
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
      return refuse(
          response,
          callback,
          415,
          "unsupported_media_type",
          "expected a JSON body (application/json), got " + type);
    }
    if (request.getLength() > maxBodyBytes) {
      return refuse(response, callback, 413, "too_large", bodyTooLarge());
    }
    CompletableFuture<byte[]> body = BodyReader.read(request, maxBodyBytes);
    lookup
        .find(topic)
        .thenCombineAsync(
            body,
            (info, bytes) -> {
              if (info.isEmpty()) {
                refuse(
                    response,
                    callback,
                    404,
                    "unknown_topic",
                    "topic '" + topic + "' does not exist; create it first");
              } else {
                produce(info.get(), bytes, response, callback);
              }
              return null;
            },
            executor)
        .whenComplete(
            (done, error) -> {
              if (error != null) {
                fail(response, callback, error);
              }
            });
    return true;
  }

  private String bodyTooLarge() {
    return "request body over "
        + maxBodyBytes
        + " bytes (INGEST_HTTP_MAX_BODY_BYTES); split the records into smaller requests";
  }

  private void produce(TopicInfo topic, byte[] body, Response response, Callback callback) {
    ProduceRequest request;
    try {
      request = ProduceRequest.parse(body);
    } catch (ProduceRequest.MalformedException e) {
      refuse(response, callback, 400, "malformed", e.getMessage());
      return;
    }
    Tags tags = IngestMetrics.topic(topic.name());
    int posted = request.records().size() + request.errors().size();
    metrics.messagesIn(SOURCE, tags).increment(posted);

    List<RecordError> errors = new ArrayList<>(request.errors());
    List<Encoded> encoded = new ArrayList<>();
    for (ProduceRequest.Record record : request.records()) {
      try {
        encoded.add(new Encoded(record, topic.encoder().encode(record.value())));
      } catch (JsonRecordException e) {
        String path = "$.records[" + record.index() + "].value" + e.path().substring(1);
        errors.add(new RecordError(record.index(), path, e.problem()));
      }
    }
    if (!errors.isEmpty()) {
      metrics.errors(SOURCE, "invalid", tags).increment(errors.size());
      String schema = topic.encoder().schema().map(s -> " (" + s.getFullName() + ")").orElse("");
      sendRecordErrors(
          response,
          callback,
          422,
          errors.size()
              + " of "
              + posted
              + " records are invalid for '"
              + topic.name()
              + "'"
              + schema
              + "; none was written",
          errors);
      return;
    }
    List<RecordError> tooLarge =
        encoded.stream()
            .filter(e -> e.size() > topic.maxMessageBytes())
            .map(
                e ->
                    new RecordError(
                        e.record().index(),
                        "$.records[" + e.record().index() + "]",
                        "the record takes about "
                            + e.size()
                            + " bytes, over the topic's max.message.bytes of "
                            + topic.maxMessageBytes()))
            .toList();
    if (!tooLarge.isEmpty()) {
      metrics.errors(SOURCE, "too_large", tags).increment(tooLarge.size());
      sendRecordErrors(
          response,
          callback,
          413,
          tooLarge.size() + " of " + posted + " records are too large; none was written",
          tooLarge);
      return;
    }
    long bytes = encoded.stream().mapToLong(Encoded::size).sum();
    if (!reserve(bytes)) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      refuse(
          response,
          callback,
          503,
          "overloaded",
          "too many records are waiting for Kafka's acknowledgement; retry shortly");
      return;
    }
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(encoded.size());
    for (Encoded record : encoded) {
      outcomes.add(write(topic.name(), record, tags));
    }
    CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
        .whenComplete(
            (all, error) ->
                answer(
                    response, callback, outcomes.stream().map(CompletableFuture::join).toList()));
  }

  private CompletableFuture<Outcome> write(String topic, Encoded record, Tags tags) {
    Optional<String> key = record.record().idempotencyKey();
    if (key.isEmpty()) {
      return send(topic, record, tags).handle(Outcome::of);
    }
    Claim claim = idempotency.claim(topic, key.get());
    if (claim instanceof Claim.Known known) {
      release(record.size());
      metrics.duplicates(SOURCE, tags).increment();
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
                  .kafkaAck(SOURCE, Tags.empty())
                  .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
              metrics.messagesOut(SOURCE, tags).increment();
              acked.complete(new Position(metadata.partition(), metadata.offset()));
            } else {
              metrics.errors(SOURCE, "kafka", tags).increment();
              acked.completeExceptionally(error);
            }
          });
    } catch (KafkaException e) {
      inFlightRecords.decrementAndGet();
      release(record.size());
      metrics.errors(SOURCE, "kafka", tags).increment();
      acked.completeExceptionally(e);
    }
    return acked;
  }

  private void answer(Response response, Callback callback, List<Outcome> outcomes) {
    ArrayNode offsets = JsonResponses.JSON.createArrayNode();
    int failed = 0;
    for (Outcome outcome : outcomes) {
      ObjectNode entry = offsets.addObject();
      if (outcome.position().isPresent()) {
        entry.put("partition", outcome.position().get().partition());
        entry.put("offset", outcome.position().get().offset());
        if (outcome.duplicate()) {
          entry.put("duplicate", true);
        }
      } else {
        failed++;
        entry.put("error", outcome.error().orElse("not acknowledged"));
      }
    }
    if (failed == 0) {
      ObjectNode body = JsonResponses.JSON.createObjectNode();
      body.set("offsets", offsets);
      JsonResponses.send(response, callback, 200, body);
      return;
    }
    ObjectNode body =
        JsonResponses.error(
            503,
            "Kafka did not acknowledge "
                + failed
                + " of "
                + outcomes.size()
                + " records; the others were written. Post the failed ones again (with"
                + " idempotency keys, posting all again writes nothing twice).");
    body.set("offsets", offsets);
    JsonResponses.send(response, callback, 503, body);
  }

  private void sendRecordErrors(
      Response response, Callback callback, int status, String message, List<RecordError> errors) {
    ObjectNode body = JsonResponses.error(status, message);
    ArrayNode list = body.putArray("errors");
    errors.stream()
        .sorted(Comparator.comparingInt(RecordError::index))
        .forEach(
            e ->
                list.addObject()
                    .put("index", e.index())
                    .put("path", e.path())
                    .put("reason", e.reason()));
    JsonResponses.send(response, callback, status, body);
  }

  private boolean refuse(
      Response response, Callback callback, int status, String reason, String message) {
    metrics.errors(SOURCE, reason, Tags.empty()).increment();
    JsonResponses.sendError(response, callback, status, message);
    return true;
  }

  private void fail(Response response, Callback callback, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof BodyReader.TooLargeException) {
      refuse(response, callback, 413, "too_large", bodyTooLarge());
      return;
    }
    log.error("Produce request failed", cause);
    if (response.isCommitted()) {
      callback.failed(cause);
    } else {
      refuse(response, callback, 500, "internal", "internal error: " + cause);
    }
  }

  private boolean reserve(long bytes) {
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

  private void release(long bytes) {
    inFlightBytes.addAndGet(-bytes);
  }

  /** A checked record with its value bytes. */
  private record Encoded(ProduceRequest.Record record, byte[] value) {
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

  /** What became of one record. */
  private record Outcome(Optional<Position> position, boolean duplicate, Optional<String> error) {
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
