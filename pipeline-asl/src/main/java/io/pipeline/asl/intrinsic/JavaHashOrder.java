package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS builds the results of {@code States.ArrayUnique} and {@code States.JsonMerge} in a Java
 * {@code HashSet} and {@code HashMap}, so their order is those collections' iteration order, not
 * the input order: {@code ArrayUnique([true, false, true])} is {@code [false, true]}. This class
 * reproduces that order with the same collections over the same Java values.
 */
final class JavaHashOrder {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JavaHashOrder() {}

  /** The distinct elements, in the order of a {@code HashSet} built from the list. */
  static ArrayNode unique(ArrayNode array) {
    List<Object> values = new ArrayList<>(array.size());
    array.forEach(element -> values.add(MAPPER.convertValue(element, Object.class)));
    Set<Object> distinct = new HashSet<>(values);
    ArrayNode result = JsonNodeFactory.instance.arrayNode(distinct.size());
    distinct.forEach(value -> result.add(MAPPER.valueToTree(value)));
    return result;
  }

  /** The fields of both objects, the second's winning, in the order of a {@code HashMap}. */
  static ObjectNode merge(ObjectNode first, ObjectNode second) {
    Map<String, JsonNode> merged = new HashMap<>(fields(first));
    merged.putAll(fields(second));
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    merged.forEach(result::set);
    return result;
  }

  private static Map<String, JsonNode> fields(ObjectNode object) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    object.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
    return fields;
  }
}
