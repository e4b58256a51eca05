package io.pipeline.transform.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.time.IsoInstants;
import io.pipeline.schemas.iot.TelemetryReading;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a plain, valid telemetry payload token by token, without building a JSON tree: the path
 * nearly every reading takes. Anything else (a field missing, repeated or of the wrong type, a time
 * that does not parse, JSON that is not well formed) gives {@code null}, and the caller reads the
 * payload through the tree, which says what is wrong ({@link TelemetryPayloads#parseTree}). Both
 * paths give the same reading for the same payload.
 */
final class StreamedPayload {

  private String id;
  private String metric;
  private double value;
  private boolean hasValue;
  private String unit;
  private boolean hasUnit;
  private Instant time;
  private boolean hasTime;
  private Map<String, String> attributes;

  private StreamedPayload() {}

  /** The reading, or {@code null} when the payload needs the tree to be read or judged. */
  static TelemetryReading read(
      ObjectMapper json, String deviceId, byte[] payload, Instant received) {
    StreamedPayload read = new StreamedPayload();
    try (JsonParser parser = json.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT || !read.fields(parser)) {
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (read.id == null || read.metric == null || !read.hasValue) {
      return null;
    }
    return TelemetryPayloads.reading(
        deviceId,
        read.id,
        read.metric,
        read.value,
        read.unit,
        read.time == null ? received : read.time,
        read.attributes == null ? new HashMap<>() : read.attributes);
  }

  /** Reads the object's fields; false when one needs the tree. */
  private boolean fields(JsonParser parser) throws IOException {
    for (JsonToken token = parser.nextToken();
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken next = parser.nextToken();
      boolean read =
          switch (name) {
            case "id" -> id == null && id(parser, next);
            case "metric" -> metric == null && metric(parser, next);
            case "value" -> !hasValue && value(parser, next);
            case "unit" -> !hasUnit && unit(parser, next);
            case "time" -> !hasTime && time(parser, next);
            case "attributes" -> attributes == null && attributes(parser, next);
            default -> {
              parser.skipChildren();
              yield true;
            }
          };
      if (!read) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  private boolean id(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
      id = parser.getText();
    } else if (token == JsonToken.VALUE_NUMBER_INT) {
      id = parser.getNumberValue().toString();
    }
    return id != null;
  }

  private boolean metric(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
      metric = parser.getText();
    }
    return metric != null;
  }

  private boolean value(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      value = parser.getDoubleValue();
      hasValue = Double.isFinite(value);
    }
    return hasValue;
  }

  private boolean unit(JsonParser parser, JsonToken token) throws IOException {
    hasUnit = token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_STRING;
    unit = token == JsonToken.VALUE_STRING ? parser.getText() : null;
    return hasUnit;
  }

  private boolean time(JsonParser parser, JsonToken token) throws IOException {
    hasTime = true;
    if (token == JsonToken.VALUE_NULL) {
      return true;
    }
    if (token == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        && parser.getLongValue() >= 0) {
      time = Instant.ofEpochMilli(parser.getLongValue());
      return true;
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        time = IsoInstants.parse(parser.getText());
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  private boolean attributes(JsonParser parser, JsonToken token) throws IOException {
    attributes = new HashMap<>();
    if (token == JsonToken.VALUE_NULL) {
      return true;
    }
    if (token != JsonToken.START_OBJECT) {
      return false;
    }
    for (JsonToken field = parser.nextToken();
        field == JsonToken.FIELD_NAME;
        field = parser.nextToken()) {
      String name = parser.currentName();
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        return false;
      }
      attributes.put(name, parser.getText());
    }
    return true;
  }
}
