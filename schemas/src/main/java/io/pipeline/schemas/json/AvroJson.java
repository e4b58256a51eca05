package io.pipeline.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Plain JSON to Avro generic data and back, for people and programs that speak JSON (the CLI, the
 * HTTP produce endpoint). Unlike Avro's own JSON encoding, unions are not wrapped: {@code null} is
 * null and any other value picks the first branch it fits. Timestamps are ISO-8601 strings (epoch
 * milliseconds are accepted too), bytes are base64.
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /**
   * Converts a JSON document to a generic datum of the schema.
   *
   * @throws JsonRecordException naming the path and the problem when the document does not fit
   */
  public static Object fromJson(JsonNode json, Schema schema) {
    return read(json, schema, "$");
  }

  /** Converts a generic (or specific) datum of the schema to JSON. */
  public static JsonNode toJson(Object datum, Schema schema) {
    return write(datum, schema);
  }

  private static Object read(JsonNode json, Schema schema, String path) {
    return switch (schema.getType()) {
      case NULL -> {
        require(json.isNull(), path, "expected null", json);
        yield null;
      }
      case BOOLEAN -> {
        require(json.isBoolean(), path, "expected true or false", json);
        yield json.booleanValue();
      }
      case INT -> {
        require(
            json.isIntegralNumber() && json.canConvertToInt(),
            path,
            "expected a 32-bit integer",
            json);
        yield json.intValue();
      }
      case LONG -> readLong(json, schema.getLogicalType(), path);
      case FLOAT -> {
        require(json.isNumber(), path, "expected a number", json);
        yield json.floatValue();
      }
      case DOUBLE -> {
        require(json.isNumber(), path, "expected a number", json);
        yield json.doubleValue();
      }
      case STRING -> {
        require(json.isTextual(), path, "expected a string", json);
        yield json.textValue();
      }
      case BYTES -> ByteBuffer.wrap(base64(json, path));
      case FIXED -> {
        byte[] bytes = base64(json, path);
        require(
            bytes.length == schema.getFixedSize(),
            path,
            "expected " + schema.getFixedSize() + " bytes, got " + bytes.length,
            json);
        yield new GenericData.Fixed(schema, bytes);
      }
      case ENUM -> {
        require(
            json.isTextual() && schema.hasEnumSymbol(json.textValue()),
            path,
            "expected one of " + schema.getEnumSymbols(),
            json);
        yield new GenericData.EnumSymbol(schema, json.textValue());
      }
      case ARRAY -> {
        require(json.isArray(), path, "expected an array", json);
        List<Object> items = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
          items.add(read(json.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        yield new GenericData.Array<>(schema, items);
      }
      case MAP -> {
        require(json.isObject(), path, "expected an object", json);
        Map<String, Object> map = new LinkedHashMap<>();
        json.fields()
            .forEachRemaining(
                e ->
                    map.put(
                        e.getKey(),
                        read(e.getValue(), schema.getValueType(), path + "." + e.getKey())));
        yield map;
      }
      case UNION -> readUnion(json, schema, path);
      case RECORD -> readRecord(json, schema, path);
    };
  }

  private static Object readLong(JsonNode json, LogicalType logical, String path) {
    boolean timestamp =
        logical instanceof LogicalTypes.TimestampMillis
            || logical instanceof LogicalTypes.TimestampMicros;
    if (timestamp && json.isTextual()) {
      try {
        Instant instant = Instant.parse(json.textValue());
        return logical instanceof LogicalTypes.TimestampMillis
            ? instant.toEpochMilli()
            : instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
      } catch (DateTimeParseException e) {
        throw new JsonRecordException(
            path, "expected an ISO-8601 timestamp such as 2026-01-31T12:00:00Z, got " + json);
      }
    }
    require(
        json.isIntegralNumber() && json.canConvertToLong(),
        path,
        timestamp ? "expected an ISO-8601 timestamp or epoch milliseconds" : "expected an integer",
        json);
    return json.longValue();
  }

  private static Object readUnion(JsonNode json, Schema union, String path) {
    List<String> tried = new ArrayList<>();
    for (Schema branch : union.getTypes()) {
      try {
        return read(json, branch, path);
      } catch (JsonRecordException e) {
        tried.add(
            branch.getType() == Schema.Type.RECORD ? branch.getName() : branch.getType().getName());
        if (union.getTypes().size() == 2
            && branch.getType() != Schema.Type.NULL
            && !json.isNull()) {
          // For the common ["null", T] union the branch's own message is the clearest.
          throw e;
        }
      }
    }
    throw new JsonRecordException(path, "fits none of the types " + tried + ": " + json);
  }

  private static GenericRecord readRecord(JsonNode json, Schema schema, String path) {
    require(json.isObject(), path, "expected an object (" + schema.getName() + ")", json);
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      String fieldPath = path + "." + field.name();
      JsonNode value = json.get(field.name());
      if (value == null) {
        if (!field.hasDefaultValue()) {
          throw new JsonRecordException(fieldPath, "missing required field '" + field.name() + "'");
        }
        record.put(
            field.pos(),
            GenericData.get().deepCopy(field.schema(), GenericData.get().getDefaultValue(field)));
      } else {
        record.put(field.pos(), read(value, field.schema(), fieldPath));
      }
    }
    Iterator<String> names = json.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (schema.getField(name) == null) {
        throw new JsonRecordException(
            path + "." + name,
            "unknown field '" + name + "'; " + schema.getName() + " has " + fieldNames(schema));
      }
    }
    return record;
  }

  private static List<String> fieldNames(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }

  private static byte[] base64(JsonNode json, String path) {
    require(json.isTextual(), path, "expected base64 text", json);
    try {
      return Base64.getDecoder().decode(json.textValue());
    } catch (IllegalArgumentException e) {
      throw new JsonRecordException(path, "invalid base64: " + e.getMessage());
    }
  }

  private static void require(boolean condition, String path, String expected, JsonNode actual) {
    if (!condition) {
      throw new JsonRecordException(path, expected + ", got " + describe(actual));
    }
  }

  private static String describe(JsonNode node) {
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  private static JsonNode write(Object datum, Schema schema) {
    return switch (schema.getType()) {
      case NULL -> NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode((Boolean) datum);
      case INT -> NODES.numberNode(((Number) datum).intValue());
      case LONG -> writeLong(datum, schema.getLogicalType());
      case FLOAT -> NODES.numberNode(((Number) datum).floatValue());
      case DOUBLE -> NODES.numberNode(((Number) datum).doubleValue());
      case STRING, ENUM -> NODES.textNode(datum.toString());
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      case FIXED ->
          NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Iterable<?>) datum) {
          array.add(write(item, schema.getElementType()));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        ((Map<?, ?>) datum)
            .forEach((k, v) -> object.set(k.toString(), write(v, schema.getValueType())));
        yield object;
      }
      case UNION ->
          datum == null
              ? NODES.nullNode()
              : write(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)));
      case RECORD -> {
        GenericRecord record = (GenericRecord) datum;
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), write(record.get(field.pos()), field.schema()));
        }
        yield object;
      }
    };
  }

  private static JsonNode writeLong(Object datum, LogicalType logical) {
    if (datum instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    long value = ((Number) datum).longValue();
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(Instant.ofEpochMilli(value).toString());
    }
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return NODES.textNode(
          Instant.ofEpochSecond(
                  Math.floorDiv(value, 1_000_000), Math.floorMod(value, 1_000_000) * 1_000)
              .toString());
    }
    return NODES.numberNode(value);
  }
}
