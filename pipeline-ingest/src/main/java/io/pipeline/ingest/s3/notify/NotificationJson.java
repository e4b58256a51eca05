package io.pipeline.ingest.s3.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.schemas.json.JsonPosition;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads S3 event notification messages: S3's own (to SQS, possibly wrapped in an SNS envelope) and
 * MinIO's webhook bodies, which carry the same {@code Records}. Pure: no I/O. A message that is not
 * S3-shaped is a {@link Malformed} value whose reason says what is wrong and where.
 */
public final class NotificationJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationJson() {}

  /** What a notification message holds. */
  public sealed interface Message permits Events, TestEvent, Malformed {}

  /** Event records, each with its JSON as received. */
  public record Events(List<EventRecord> records) implements Message {
    public Events {
      records = List.copyOf(records);
    }
  }

  /** What one event record holds. */
  public sealed interface RecordContent permits ObjectNotification, TestEvent, Malformed {}

  /** The {@code s3:TestEvent} S3 sends when a notification configuration is set. */
  public record TestEvent() implements Message, RecordContent {}

  /** Not an S3 notification. */
  public record Malformed(String reason) implements Message, RecordContent {}

  /** One event record: what it says, and its JSON as received. */
  public record EventRecord(ObjectNotification notification, String json) {}

  /** Reads one message body. */
  public static Message parseMessage(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new Malformed("not JSON: " + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      return new Malformed("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      return new Malformed("not a JSON object");
    }
    if ("Notification".equals(root.path("Type").asText(null)) && root.path("Message").isTextual()) {
      // An SNS topic between S3 and the queue wraps the notification in an envelope.
      Message inner = parseMessage(root.path("Message").asText().getBytes(StandardCharsets.UTF_8));
      return inner instanceof Malformed m ? new Malformed("SNS Message: " + m.reason()) : inner;
    }
    if ("s3:TestEvent".equals(root.path("Event").asText(null))) {
      return new TestEvent();
    }
    JsonNode records = root.path("Records");
    if (!records.isArray()) {
      return new Malformed("Records is " + (records.isMissingNode() ? "missing" : "not an array"));
    }
    if (records.isEmpty()) {
      return new Malformed("Records is empty");
    }
    List<EventRecord> parsed = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      RecordContent result = parseRecord(records.get(i), "Records[" + i + "]");
      if (result instanceof Malformed m) {
        return m;
      }
      parsed.add(new EventRecord((ObjectNotification) result, records.get(i).toString()));
    }
    return new Events(parsed);
  }

  /** Reads one event record, as kept in {@code S3Notification.eventJson}. */
  public static RecordContent parseRecord(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return new Malformed("eventJson is not JSON: " + e.getOriginalMessage() + location(e));
    }
    if (node != null && "s3:TestEvent".equals(node.path("Event").asText(null))) {
      return new TestEvent();
    }
    return parseRecord(node, "eventJson");
  }

  private static RecordContent parseRecord(JsonNode record, String at) {
    if (record == null || !record.isObject()) {
      return new Malformed(at + " is not a JSON object");
    }
    Optional<String> eventName = text(record, "eventName");
    if (eventName.isEmpty()) {
      return new Malformed(at + ".eventName is missing or not text");
    }
    Optional<String> bucket = text(record.path("s3").path("bucket"), "name");
    if (bucket.isEmpty() || bucket.get().isEmpty()) {
      return new Malformed(at + ".s3.bucket.name is missing or not text");
    }
    Optional<String> encodedKey = text(record.path("s3").path("object"), "key");
    if (encodedKey.isEmpty() || encodedKey.get().isEmpty()) {
      return new Malformed(at + ".s3.object.key is missing or not text");
    }
    String key;
    try {
      key = URLDecoder.decode(encodedKey.get(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new Malformed(
          at + ".s3.object.key '" + encodedKey.get() + "' is not URL-encoded: " + e.getMessage());
    }
    Optional<String> time = text(record, "eventTime");
    if (time.isEmpty()) {
      return new Malformed(at + ".eventTime is missing or not text");
    }
    Instant eventTime;
    try {
      eventTime = Instant.parse(time.get());
    } catch (DateTimeParseException e) {
      return new Malformed(at + ".eventTime '" + time.get() + "' is not an ISO-8601 instant");
    }
    JsonNode object = record.path("s3").path("object");
    JsonNode size = object.path("size");
    if (!size.isMissingNode() && !size.isNull() && !size.canConvertToLong()) {
      return new Malformed(at + ".s3.object.size is not a whole number");
    }
    String name =
        eventName.get().startsWith("s3:") ? eventName.get().substring(3) : eventName.get();
    return new ObjectNotification(
        name,
        bucket.get(),
        key,
        size.canConvertToLong() ? size.asLong() : 0,
        text(object, "eTag").map(NotificationJson::unquote).filter(e -> !e.isEmpty()),
        text(object, "versionId").filter(v -> !v.isEmpty() && !v.equals("null")),
        text(object, "sequencer").filter(s -> !s.isEmpty()),
        eventTime);
  }

  private static Optional<String> text(JsonNode parent, String field) {
    JsonNode value = parent.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static String unquote(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  private static String location(JsonProcessingException e) {
    String at = JsonPosition.of(e);
    return at.isEmpty() ? "" : " at " + at;
  }
}
