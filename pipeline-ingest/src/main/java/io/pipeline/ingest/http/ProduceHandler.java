package io.pipeline.ingest.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Tags;
import io.pipeline.ingest.http.ProduceRequest.RecordError;
import io.pipeline.ingest.http.TopicLookup.TopicInfo;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.schemas.json.JsonRecordException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
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

  private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);

  /** Bodies declared up to this many times the limit are read and dropped before the 413. */
  private static final int DRAIN_FACTOR = 8;

  private static final String SOURCE = "http";
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private final int maxBodyBytes;
  private final TopicLookup lookup;
  private final IngestMetrics metrics;
  private final Executor executor;
  private final RecordWriter writer;

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
    this.metrics = metrics;
    this.executor = executor;
    this.writer = new RecordWriter(SOURCE, producer, idempotency, metrics, executor, clock);
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
      return refuseTooLarge(request, response, callback);
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
    List<RecordWriter.Encoded> encoded = new ArrayList<>();
    for (ProduceRequest.Record record : request.records()) {
      try {
        encoded.add(new RecordWriter.Encoded(record, topic.encoder().encode(record.value())));
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
    long bytes = encoded.stream().mapToLong(RecordWriter.Encoded::size).sum();
    if (!writer.reserve(bytes)) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      refuse(
          response,
          callback,
          503,
          "overloaded",
          "too many records are waiting for Kafka's acknowledgement; retry shortly");
      return;
    }
    List<CompletableFuture<RecordWriter.Outcome>> outcomes = new ArrayList<>(encoded.size());
    for (RecordWriter.Encoded record : encoded) {
      outcomes.add(writer.write(topic.name(), record, tags));
    }
    CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
        .whenComplete(
            (all, error) ->
                answer(
                    response, callback, outcomes.stream().map(CompletableFuture::join).toList()));
  }

  private void answer(Response response, Callback callback, List<RecordWriter.Outcome> outcomes) {
    ArrayNode offsets = JsonResponses.JSON.createArrayNode();
    int failed = 0;
    for (RecordWriter.Outcome outcome : outcomes) {
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

  /**
   * Answers 413 to a body declared too large. A body of moderate size is read and dropped first: a
   * server that answers and closes while the client still sends makes the client's TCP stack reset
   * the connection, and the client may never see the answer. A body far larger than the limit is
   * not worth reading; the connection is closed after the answer.
   */
  private boolean refuseTooLarge(Request request, Response response, Callback callback) {
    if (request.getLength() > DRAIN_FACTOR * (long) maxBodyBytes) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      return refuse(response, callback, 413, "too_large", bodyTooLarge());
    }
    Content.Source.consumeAll(
        request,
        Callback.from(
            () -> refuse(response, callback, 413, "too_large", bodyTooLarge()),
            failure -> refuse(response, callback, 413, "too_large", bodyTooLarge())));
    return true;
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
}
