package io.pipeline.transform.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.time.IsoInstants;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a device's MQTT payload as a {@link TelemetryReading}, or says what is wrong with it and
 * where. A payload is a JSON object:
 *
 * <pre>{@code
 * {"id": 42, "metric": "temperature", "value": 21.5, "unit": "C",
 *  "time": "2026-11-26T09:00:00Z", "attributes": {"firmware": "1.2"}}
 * }</pre>
 *
 * <p>{@code id} (a string or an integer, unique per device: a sequence number, say), {@code metric}
 * and {@code value} (a finite number) are required; {@code time} (ISO-8601 or epoch milliseconds)
 * defaults to when the bridge received the message; {@code unit} and {@code attributes} (strings)
 * are optional. The device is the record's key (the MQTT bridge keys by the device's topic level);
 * the reading's id is {@code <device>/<id>}, so a device's repeated message is the same reading.
 */
public final class TelemetryPayloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TelemetryPayloads() {}

  /** A payload read: a reading, or why there is none. */
  public sealed interface Parsed {}

  /** A valid reading. */
  public record Valid(TelemetryReading reading) implements Parsed {}

  /** A payload that is not a reading, and why. */
  public record Invalid(String reason) implements Parsed {}

  /**
   * Reads one message.
   *
   * @param deviceId the record's key: the device that published it
   */
  public static Parsed parse(String deviceId, MqttMessage message) {
    if (deviceId == null || deviceId.isBlank()) {
      return new Invalid("the record has no key: the device that published it is unknown");
    }
    byte[] payload = payload(message);
    TelemetryReading reading =
        StreamedPayload.read(JSON, deviceId, payload, message.getReceivedAt());
    return reading != null
        ? new Valid(reading)
        : parseTree(deviceId, payload, message.getReceivedAt());
  }

  /**
   * Reads a payload through Jackson's tree: the path that says what is wrong, taken when the
   * streamed read ({@link StreamedPayload}) meets anything but a plain, valid reading.
   */
  static Parsed parseTree(String deviceId, byte[] payload, Instant received) {
    JsonNode json;
    try {
      json = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      return new Invalid(
          "the payload is not JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    } catch (IOException e) {
      return new Invalid("the payload cannot be read: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      return new Invalid("the payload must be a JSON object, but is: " + abbreviated(json));
    }
    JsonNode id = json.get("id");
    if (id == null || !(id.isTextual() && !id.asText().isBlank() || id.isIntegralNumber())) {
      return new Invalid(
          "'id' must be a non-empty string or an integer, but is: " + abbreviated(id));
    }
    JsonNode metric = json.get("metric");
    if (metric == null || !metric.isTextual() || metric.asText().isBlank()) {
      return new Invalid("'metric' must be a non-empty string, but is: " + abbreviated(metric));
    }
    JsonNode value = json.get("value");
    if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
      return new Invalid("'value' must be a finite number, but is: " + abbreviated(value));
    }
    JsonNode unit = json.get("unit");
    if (unit != null && !unit.isNull() && !unit.isTextual()) {
      return new Invalid("'unit' must be a string, but is: " + abbreviated(unit));
    }
    Instant time;
    try {
      time = time(json.get("time"), received);
    } catch (IllegalArgumentException e) {
      return new Invalid(e.getMessage());
    }
    Map<String, String> attributes = new HashMap<>();
    JsonNode given = json.path("attributes");
    if (!given.isMissingNode() && !given.isNull()) {
      if (!given.isObject()) {
        return new Invalid(
            "'attributes' must be an object of strings, but is: " + abbreviated(given));
      }
      var fields = given.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (!field.getValue().isTextual()) {
          return new Invalid(
              "'attributes."
                  + field.getKey()
                  + "' must be a string, but is: "
                  + abbreviated(field.getValue()));
        }
        attributes.put(field.getKey(), field.getValue().asText());
      }
    }
    return new Valid(
        reading(
            deviceId,
            id.asText(),
            metric.asText(),
            value.asDouble(),
            unit == null || unit.isNull() ? null : unit.asText(),
            time,
            attributes));
  }

  static TelemetryReading reading(
      String deviceId,
      String id,
      String metric,
      double value,
      String unit,
      Instant time,
      Map<String, String> attributes) {
    return new TelemetryReading(
        deviceId + "/" + id, deviceId, metric, value, unit, time, attributes);
  }

  /** A message's payload bytes. */
  static byte[] payload(MqttMessage message) {
    java.nio.ByteBuffer buffer = message.getPayload().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static Instant time(JsonNode time, Instant received) {
    if (time == null || time.isNull()) {
      return received;
    }
    if (time.isIntegralNumber() && time.canConvertToLong() && time.asLong() >= 0) {
      return Instant.ofEpochMilli(time.asLong());
    }
    if (time.isTextual()) {
      try {
        return IsoInstants.parse(time.textValue());
      } catch (DateTimeParseException e) {
        // said below
      }
    }
    throw new IllegalArgumentException(
        "'time' must be an ISO-8601 instant or epoch milliseconds, but is: " + abbreviated(time));
  }

  private static String abbreviated(JsonNode node) {
    if (node == null) {
      return "missing";
    }
    String text = node.toString();
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
