package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** The kind of value a comparison operator works on, and how two such values are ordered. */
public enum ValueType {
  /** JSON strings, ordered by {@link String#compareTo}. */
  STRING("a string") {
    @Override
    boolean accepts(JsonNode value) {
      return value.isTextual();
    }

    @Override
    int order(JsonNode left, JsonNode right) {
      return left.textValue().compareTo(right.textValue());
    }
  },
  /** JSON numbers, ordered by value: {@code 1} equals {@code 1.0}. */
  NUMERIC("a number") {
    @Override
    boolean accepts(JsonNode value) {
      return value.isNumber();
    }

    @Override
    int order(JsonNode left, JsonNode right) {
      if (exactDouble(left) && exactDouble(right)) {
        // Both are finite doubles without rounding: the double order is the decimal one (-0.0
        // included, which equals 0), without building two BigDecimals.
        double l = left.doubleValue();
        double r = right.doubleValue();
        return l < r ? -1 : l > r ? 1 : 0;
      }
      if (isFinite(left) && isFinite(right)) {
        return decimal(left).compareTo(decimal(right));
      }
      return Double.compare(left.doubleValue(), right.doubleValue());
    }
  },
  /** JSON booleans; only equality is asked of them. */
  BOOLEAN("a boolean") {
    @Override
    boolean accepts(JsonNode value) {
      return value.isBoolean();
    }

    @Override
    int order(JsonNode left, JsonNode right) {
      return Boolean.compare(left.booleanValue(), right.booleanValue());
    }
  },
  /** Strings holding an RFC 3339 timestamp, ordered as instants. */
  TIMESTAMP("a timestamp string such as 2016-03-14T01:59:00Z") {
    @Override
    boolean accepts(JsonNode value) {
      return instant(value).isPresent();
    }

    @Override
    int order(JsonNode left, JsonNode right) {
      return instant(left).orElseThrow().compareTo(instant(right).orElseThrow());
    }
  };

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  /** What a literal of this type must be, for problem messages, e.g. "a number". */
  public String description() {
    return description;
  }

  /** Whether a JSON value is of this type. */
  abstract boolean accepts(JsonNode value);

  /** Orders two values this type {@link #accepts accepts}, like {@link Comparable#compareTo}. */
  abstract int order(JsonNode left, JsonNode right);

  /** Orders two values, or empty when either is not of this type. */
  OptionalInt compare(JsonNode left, JsonNode right) {
    return accepts(left) && accepts(right)
        ? OptionalInt.of(order(left, right))
        : OptionalInt.empty();
  }

  private static boolean isFinite(JsonNode number) {
    return !number.isFloatingPointNumber() || Double.isFinite(number.doubleValue());
  }

  /** The largest magnitude up to which every long is a double as well: 2^53. */
  private static final long EXACT_LONG = 1L << 53;

  /** Whether a number is a finite double as it is: a double or float, an int, a small long. */
  private static boolean exactDouble(JsonNode number) {
    if (number.isDouble() || number.isFloat()) {
      return Double.isFinite(number.doubleValue());
    }
    if (number.isInt() || number.isShort()) {
      return true;
    }
    return number.isLong() && Math.abs(number.longValue()) <= EXACT_LONG;
  }

  private static BigDecimal decimal(JsonNode number) {
    return number.decimalValue();
  }

  private static Optional<Instant> instant(JsonNode value) {
    return value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
  }
}
