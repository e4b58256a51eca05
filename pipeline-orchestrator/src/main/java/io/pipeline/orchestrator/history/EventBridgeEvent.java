package io.pipeline.orchestrator.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An EventBridge event as JSON text: the envelope ({@code version}, {@code id}, {@code
 * detail-type}, {@code source}, {@code account}, {@code time}, {@code region}, {@code resources})
 * and the {@code detail} the caller writes. The id is derived from a seed, so the same event
 * written twice has the same id. Written straight to text, without a tree: the Standard runtime
 * writes two for every execution.
 */
public final class EventBridgeEvent {

  private static final JsonFactory JSON = new JsonFactory();

  /** Writes the fields of an event's {@code detail} object. */
  @FunctionalInterface
  public interface Detail {

    /** An empty detail. */
    Detail NONE = json -> {};

    /**
     * Writes the fields, inside the detail object the envelope opened.
     *
     * @param json the generator, between the object's start and end
     * @throws IOException as the generator does
     */
    void write(JsonGenerator json) throws IOException;
  }

  private EventBridgeEvent() {}

  /**
   * @param idSeed what makes the event itself (e.g. an execution and its status)
   * @param detailType e.g. {@code Scheduled Event}
   * @param source e.g. {@code aws.states}
   * @param arn an ARN of the account and region the event is from
   * @param time when it happened (to the second, as EventBridge shows it)
   * @param resource what it is about
   * @param detail writes the detail's fields
   * @return the event, JSON text
   */
  public static String write(
      String idSeed,
      String detailType,
      String source,
      String arn,
      Instant time,
      String resource,
      Detail detail) {
    String[] parts = arn.split(":", 6);
    StringWriter text = new StringWriter(512);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("version", "0");
      json.writeStringField(
          "id", UUID.nameUUIDFromBytes(idSeed.getBytes(StandardCharsets.UTF_8)).toString());
      json.writeStringField("detail-type", detailType);
      json.writeStringField("source", source);
      json.writeStringField("account", parts.length > 4 ? parts[4] : "");
      json.writeStringField("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
      json.writeStringField("region", parts.length > 3 ? parts[3] : "");
      json.writeArrayFieldStart("resources");
      json.writeString(resource);
      json.writeEndArray();
      json.writeObjectFieldStart("detail");
      detail.write(json);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return text.toString();
  }
}
