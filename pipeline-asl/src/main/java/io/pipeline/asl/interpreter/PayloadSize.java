package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a payload is over the size limit, without writing every payload out: a quick upper bound
 * of its serialized size settles the common small case, and only a payload that might be too large
 * is serialized.
 */
final class PayloadSize {

  /** A character takes at most 6 bytes in JSON text ({@code \\u0000} escapes). */
  private static final int MAX_BYTES_PER_CHAR = 6;

  private PayloadSize() {}

  static boolean exceeds(JsonNode payload, int limit) {
    if (upperBound(payload, limit) <= limit) {
      return false;
    }
    return payload.toString().getBytes(StandardCharsets.UTF_8).length > limit;
  }

  /** An upper bound of the serialized size; stops counting once past {@code stopAt}. */
  private static long upperBound(JsonNode node, long stopAt) {
    if (node.isTextual()) {
      return 2 + (long) node.textValue().length() * MAX_BYTES_PER_CHAR;
    }
    if (node.isContainerNode()) {
      long total = 2;
      if (node.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext() && total <= stopAt) {
          Map.Entry<String, JsonNode> field = fields.next();
          total += 4 + (long) field.getKey().length() * MAX_BYTES_PER_CHAR;
          total += upperBound(field.getValue(), stopAt - total);
        }
      } else {
        for (int i = 0; i < node.size() && total <= stopAt; i++) {
          total += 1 + upperBound(node.get(i), stopAt - total);
        }
      }
      return total;
    }
    // Numbers, booleans and null: at most a few dozen characters.
    return 32;
  }
}
