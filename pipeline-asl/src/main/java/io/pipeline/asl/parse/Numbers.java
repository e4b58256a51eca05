package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;

/** Range tests on JSON numbers. */
final class Numbers {

  private Numbers() {}

  /** Whether a value is a JSON integer from {@code min} to {@code max}. */
  static boolean integerIn(JsonNode value, long min, long max) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      return false;
    }
    long number = value.longValue();
    return number >= min && number <= max;
  }

  /** Whether a value is a JSON number from {@code min} to {@code max}. */
  static boolean numberIn(JsonNode value, double min, double max) {
    if (!value.isNumber()) {
      return false;
    }
    double number = value.doubleValue();
    return number >= min && number <= max;
  }

  /**
   * Whether a value is a JSON integer from {@code min} to {@code max} or, in a JSONata state, a
   * JSONata template that computes it (whose form {@link JsonataChecks} checks).
   */
  static boolean integerOrTemplate(JsonNode value, long min, long max, boolean jsonata) {
    return integerIn(value, min, max)
        || jsonata && value.isTextual() && value.textValue().startsWith("{%");
  }
}
