package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;

/**
 * The evaluated arguments of one call, with typed access. Every mismatch (count, type, range) is
 * AWS's {@code Invalid arguments in States.X}.
 */
record FunctionArguments(IntrinsicFunction function, List<JsonNode> values) {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  FunctionArguments {
    values = List.copyOf(values);
  }

  int size() {
    return values.size();
  }

  void requireCount(int count) {
    requireCount(count, count);
  }

  void requireCount(int min, int max) {
    if (values.size() < min || values.size() > max) {
      throw invalid();
    }
  }

  JsonNode get(int index) {
    return values.get(index);
  }

  ArrayNode array(int index) {
    JsonNode value = values.get(index);
    if (!value.isArray()) {
      throw invalid();
    }
    return (ArrayNode) value;
  }

  ObjectNode object(int index) {
    JsonNode value = values.get(index);
    if (!value.isObject()) {
      throw invalid();
    }
    return (ObjectNode) value;
  }

  String string(int index) {
    JsonNode value = values.get(index);
    if (!value.isTextual()) {
      throw invalid();
    }
    return value.textValue();
  }

  /** A number cut towards zero, as AWS does for sizes, indexes, bounds and seeds. */
  long truncated(int index) {
    JsonNode value = number(index);
    if (value.isIntegralNumber()) {
      return clamp(value.bigIntegerValue());
    }
    return (long) value.doubleValue();
  }

  /** A number rounded half up, as AWS does for {@code States.MathAdd}. */
  long rounded(int index) {
    JsonNode value = number(index);
    if (value.isIntegralNumber()) {
      return clamp(value.bigIntegerValue());
    }
    return Math.round(value.doubleValue());
  }

  /** {@link #truncated} that must fit a Java {@code int}. */
  int truncatedInt(int index) {
    return toInt(truncated(index));
  }

  int toInt(long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid();
    }
    return (int) value;
  }

  IntrinsicError invalid() {
    return IntrinsicError.invalidArguments(function);
  }

  private JsonNode number(int index) {
    JsonNode value = values.get(index);
    if (!value.isNumber()) {
      throw invalid();
    }
    return value;
  }

  private static long clamp(BigInteger value) {
    return value.max(LONG_MIN).min(LONG_MAX).longValue();
  }
}
