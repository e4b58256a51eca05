package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/** How a comparison operator relates its two values. */
public enum Relation {
  EQUALS(order -> order == 0),
  LESS_THAN(order -> order < 0),
  GREATER_THAN(order -> order > 0),
  LESS_THAN_EQUALS(order -> order <= 0),
  GREATER_THAN_EQUALS(order -> order >= 0),
  /** {@code StringMatches}: the right-hand value is a {@link WildcardPattern}. */
  MATCHES(order -> false) {
    @Override
    boolean holds(ValueType type, JsonNode left, JsonNode right) {
      return left.isTextual()
          && right.isTextual()
          && WildcardPattern.compile(right.textValue()).matches(left.textValue());
    }
  };

  private final IntPredicate onOrder;

  Relation(IntPredicate onOrder) {
    this.onOrder = onOrder;
  }

  /** Whether the relation holds; false when either value is not of the type. */
  boolean holds(ValueType type, JsonNode left, JsonNode right) {
    OptionalInt order = type.compare(left, right);
    return order.isPresent() && onOrder.test(order.getAsInt());
  }
}
