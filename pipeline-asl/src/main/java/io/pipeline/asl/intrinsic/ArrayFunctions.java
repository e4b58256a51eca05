package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/** {@code States.Array} and the {@code States.Array*} functions. */
final class ArrayFunctions {

  /** AWS refuses a {@code States.ArrayRange} longer than this. */
  static final int MAX_RANGE_SIZE = 1000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ArrayFunctions() {}

  /** {@code States.Array(a, b, ...)}: the arguments as an array. */
  static JsonNode array(FunctionArguments args) {
    ArrayNode result = NODES.arrayNode(args.size());
    args.values().forEach(result::add);
    return result;
  }

  /** {@code States.ArrayPartition(array, size)}: chunks of {@code size}, the last one shorter. */
  static JsonNode partition(FunctionArguments args) {
    args.requireCount(2);
    ArrayNode array = args.array(0);
    long size = args.truncated(1);
    if (size < 1) {
      throw args.invalid();
    }
    ArrayNode chunks = NODES.arrayNode();
    ArrayNode chunk = null;
    for (int i = 0; i < array.size(); i++) {
      if (i % size == 0) {
        chunk = chunks.addArray();
      }
      chunk.add(array.get(i));
    }
    return chunks;
  }

  /**
   * {@code States.ArrayContains(array, value)}. AWS compares the Java text of the values, so {@code
   * true} matches {@code "true"} and objects match only with their keys in the same order.
   */
  static JsonNode contains(FunctionArguments args) {
    args.requireCount(2);
    ArrayNode array = args.array(0);
    String wanted = JavaText.of(args.get(1));
    for (JsonNode element : array) {
      if (JavaText.of(element).equals(wanted)) {
        return NODES.booleanNode(true);
      }
    }
    return NODES.booleanNode(false);
  }

  /**
   * {@code States.ArrayRange(start, end, step)}: from {@code start} up to and including {@code
   * end}; fractions are cut towards zero; at most {@value #MAX_RANGE_SIZE} elements.
   */
  static JsonNode range(FunctionArguments args) {
    args.requireCount(3);
    long start = args.truncatedInt(0);
    long end = args.truncatedInt(1);
    long step = args.truncatedInt(2);
    if (step == 0) {
      throw args.invalid();
    }
    long count =
        (step > 0 && start <= end) || (step < 0 && start >= end) ? (end - start) / step + 1 : 0;
    if (count > MAX_RANGE_SIZE) {
      throw args.invalid();
    }
    ArrayNode result = NODES.arrayNode((int) count);
    for (long i = 0; i < count; i++) {
      result.add((int) (start + i * step));
    }
    return result;
  }

  /**
   * {@code States.ArrayGetItem(array, index)}; a fractional index is cut towards zero. An index out
   * of range fails, except on an empty array, where AWS answers null.
   */
  static JsonNode getItem(FunctionArguments args) {
    args.requireCount(2);
    ArrayNode array = args.array(0);
    long index = args.truncated(1);
    if (array.isEmpty() && index >= 0) {
      return NullNode.getInstance();
    }
    if (index < 0 || index >= array.size()) {
      throw args.invalid();
    }
    return array.get((int) index);
  }

  /** {@code States.ArrayLength(array)}. */
  static JsonNode length(FunctionArguments args) {
    args.requireCount(1);
    return NODES.numberNode(args.array(0).size());
  }

  /** {@code States.ArrayUnique(array)}: the distinct elements, in AWS's {@code HashSet} order. */
  static JsonNode unique(FunctionArguments args) {
    args.requireCount(1);
    return JavaHashOrder.unique(args.array(0));
  }
}
