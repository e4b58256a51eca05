package io.pipeline.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Converts between Jackson trees and the Java values the JSONata library works on. */
final class JsonataValues {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonataValues() {}

  /** A JSON value for JSONata; JSON null becomes JSONata's null, which is not "undefined". */
  static Object toJava(JsonNode node) {
    if (node == null || node.isNull()) {
      return Jsonata.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(toJava(item)));
      return list;
    }
    return MAPPER.convertValue(node, Object.class);
  }

  /**
   * Converts a JSONata result.
   *
   * @return empty when the value is not JSON (a function), so the caller reports it
   */
  static Optional<JsonNode> toJson(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return Optional.of(NODES.nullNode());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Optional<JsonNode> child = toJson(entry.getValue());
        if (child.isEmpty()) {
          return Optional.empty();
        }
        object.set(String.valueOf(entry.getKey()), child.get());
      }
      return Optional.of(object);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      for (Object item : list) {
        Optional<JsonNode> child = toJson(item);
        if (child.isEmpty()) {
          return Optional.empty();
        }
        array.add(child.get());
      }
      return Optional.of(array);
    }
    if (value instanceof String text) {
      return Optional.of(NODES.textNode(text));
    }
    if (value instanceof Boolean bool) {
      return Optional.of(NODES.booleanNode(bool));
    }
    if (value instanceof Number number) {
      return Optional.of(number(number));
    }
    return Optional.empty();
  }

  /** JSONata numbers are doubles; whole ones are written as integers, as AWS does. */
  static JsonNode number(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short) {
      return integral(number.longValue());
    }
    if (number instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (number instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    double value = number.doubleValue();
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return integral((long) value);
    }
    return NODES.numberNode(value);
  }

  /** Integers as Jackson reads them: an int node when the value fits. */
  private static JsonNode integral(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }
}
