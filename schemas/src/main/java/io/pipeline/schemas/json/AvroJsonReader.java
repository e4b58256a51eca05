package io.pipeline.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.schemas.serde.AvroSerde;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Shows Avro records as JSON exactly as they were written: each record is read with its writer's
 * own schema (resolved by fingerprint), so fields a newer writer added are shown too.
 */
public final class AvroJsonReader {

  private final SchemaStore writerSchemas;
  private final Map<Long, AvroSerde<Object>> byWriter = new ConcurrentHashMap<>();

  public AvroJsonReader(SchemaStore writerSchemas) {
    this.writerSchemas = writerSchemas;
  }

  /**
   * Decodes a record to JSON.
   *
   * @param topic the topic it was read from, for error messages
   * @param bytes the record value
   * @param expected the topic's schema, used to report bytes that are not a record of it
   * @throws io.pipeline.schemas.serde.RecordDecodingException when the bytes cannot be decoded
   */
  public JsonNode toJson(String topic, byte[] bytes, Schema expected) {
    OptionalLong fingerprint = AvroSerde.writerFingerprint(bytes);
    Schema writer =
        fingerprint.isPresent() ? writerSchemas.findByFingerprint(fingerprint.getAsLong()) : null;
    if (writer == null) {
      // Not single-object encoded, or an unknown writer: the topic's serde names the problem.
      Object datum = AvroSerde.generic(expected, writerSchemas).decode(topic, bytes);
      return AvroJson.toJson(datum, expected);
    }
    AvroSerde<Object> serde =
        byWriter.computeIfAbsent(
            fingerprint.getAsLong(), f -> AvroSerde.generic(writer, writerSchemas));
    return AvroJson.toJson(serde.decode(topic, bytes), writer);
  }
}
