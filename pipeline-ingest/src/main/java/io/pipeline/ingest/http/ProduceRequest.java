package io.pipeline.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.schemas.json.JsonPosition;
import io.pipeline.schemas.json.TopicValueEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /topics/{topic}}: {@code {"records": [{"key": "...", "value": {...},
 * "idempotencyKey": "..."}]}}, parsed and checked for shape (the values are checked against the
 * topic later). Pure: no I/O.
 *
 * @param records the records, in the order they were posted
 * @param errors what is wrong with single records (their shape), in order; empty when all are fine
 */
record ProduceRequest(List<Record> records, List<RecordError> errors) {

  /** Longest idempotency key accepted, in characters. */
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;

  private static final Set<String> RECORD_FIELDS = Set.of("key", "value", "idempotencyKey");

  /**
   * One posted record.
   *
   * @param index its position in {@code records}, from 0
   * @param key the Kafka key, empty for none
   * @param value the value as JSON
   * @param idempotencyKey the key under which a retry is recognised, empty for none
   */
  record Record(int index, Optional<String> key, JsonNode value, Optional<String> idempotencyKey) {}

  /**
   * What is wrong with one record.
   *
   * @param index the record's position in {@code records}, from 0
   * @param path where in the request body, e.g. {@code $.records[2].value.location.lat}
   * @param reason what is wrong there
   */
  record RecordError(int index, String path, String reason) {}

  /** The request as a whole cannot be read: not JSON, or not the expected shape. */
  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * Parses a request body.
   *
   * @throws MalformedException when the body is not JSON (the message gives line and column) or not
   *     an object with a non-empty {@code records} array
   */
  static ProduceRequest parse(byte[] body) throws MalformedException {
    JsonNode root;
    try {
      root = TopicValueEncoder.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      String at = JsonPosition.of(e);
      throw new MalformedException(
          "malformed JSON" + (at.isEmpty() ? "" : " at " + at) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedException("unreadable body: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new MalformedException("empty body: expected {\"records\": [...]}");
    }
    if (!root.isObject()) {
      throw new MalformedException("expected an object {\"records\": [...]}, got " + kind(root));
    }
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("records")) {
        throw new MalformedException("unknown field '" + name + "' at $; expected only records");
      }
    }
    JsonNode array = root.get("records");
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw new MalformedException("$.records must be a non-empty array of records");
    }
    List<Record> records = new ArrayList<>(array.size());
    List<RecordError> errors = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      read(i, array.get(i), records, errors);
    }
    return new ProduceRequest(List.copyOf(records), List.copyOf(errors));
  }

  private static void read(
      int index, JsonNode node, List<Record> records, List<RecordError> errors) {
    String at = "$.records[" + index + "]";
    if (!node.isObject()) {
      errors.add(new RecordError(index, at, "expected an object, got " + kind(node)));
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!RECORD_FIELDS.contains(name)) {
        errors.add(
            new RecordError(
                index, at + "." + name, "unknown field; a record has key, value, idempotencyKey"));
        return;
      }
    }
    JsonNode value = node.get("value");
    if (value == null) {
      errors.add(new RecordError(index, at + ".value", "missing required field 'value'"));
      return;
    }
    int before = errors.size();
    Optional<String> key = text(node, "key", index, at, errors);
    Optional<String> idempotencyKey = text(node, "idempotencyKey", index, at, errors);
    if (idempotencyKey.isPresent()
        && (idempotencyKey.get().isEmpty()
            || idempotencyKey.get().length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      errors.add(
          new RecordError(
              index,
              at + ".idempotencyKey",
              "expected 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters"));
      return;
    }
    if (errors.size() == before) {
      records.add(new Record(index, key, value, idempotencyKey));
    }
  }

  private static Optional<String> text(
      JsonNode record, String field, int index, String at, List<RecordError> errors) {
    JsonNode node = record.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      errors.add(new RecordError(index, at + "." + field, "expected a string, got " + kind(node)));
      return Optional.empty();
    }
    return Optional.of(node.textValue());
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
