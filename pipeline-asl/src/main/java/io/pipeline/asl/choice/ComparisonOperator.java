package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The comparison operators of JSONPath-mode Choice rules. Each but {@code StringMatches} also has a
 * {@code ...Path} form whose operand is a path instead of a literal.
 */
public enum ComparisonOperator {
  STRING_EQUALS("StringEquals", ValueType.STRING, Relation.EQUALS),
  STRING_LESS_THAN("StringLessThan", ValueType.STRING, Relation.LESS_THAN),
  STRING_GREATER_THAN("StringGreaterThan", ValueType.STRING, Relation.GREATER_THAN),
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", ValueType.STRING, Relation.LESS_THAN_EQUALS),
  STRING_GREATER_THAN_EQUALS(
      "StringGreaterThanEquals", ValueType.STRING, Relation.GREATER_THAN_EQUALS),
  STRING_MATCHES("StringMatches", ValueType.STRING, Relation.MATCHES),
  NUMERIC_EQUALS("NumericEquals", ValueType.NUMERIC, Relation.EQUALS),
  NUMERIC_LESS_THAN("NumericLessThan", ValueType.NUMERIC, Relation.LESS_THAN),
  NUMERIC_GREATER_THAN("NumericGreaterThan", ValueType.NUMERIC, Relation.GREATER_THAN),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", ValueType.NUMERIC, Relation.LESS_THAN_EQUALS),
  NUMERIC_GREATER_THAN_EQUALS(
      "NumericGreaterThanEquals", ValueType.NUMERIC, Relation.GREATER_THAN_EQUALS),
  BOOLEAN_EQUALS("BooleanEquals", ValueType.BOOLEAN, Relation.EQUALS),
  TIMESTAMP_EQUALS("TimestampEquals", ValueType.TIMESTAMP, Relation.EQUALS),
  TIMESTAMP_LESS_THAN("TimestampLessThan", ValueType.TIMESTAMP, Relation.LESS_THAN),
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", ValueType.TIMESTAMP, Relation.GREATER_THAN),
  TIMESTAMP_LESS_THAN_EQUALS(
      "TimestampLessThanEquals", ValueType.TIMESTAMP, Relation.LESS_THAN_EQUALS),
  TIMESTAMP_GREATER_THAN_EQUALS(
      "TimestampGreaterThanEquals", ValueType.TIMESTAMP, Relation.GREATER_THAN_EQUALS);

  private static final Map<String, ComparisonOperator> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(o -> o.aslName, Function.identity()));
  private static final Map<String, ComparisonOperator> BY_PATH_NAME =
      Arrays.stream(values())
          .filter(ComparisonOperator::hasPathForm)
          .collect(Collectors.toMap(ComparisonOperator::pathName, Function.identity()));

  private final String aslName;
  private final ValueType type;
  private final Relation relation;

  ComparisonOperator(String aslName, ValueType type, Relation relation) {
    this.aslName = aslName;
    this.type = type;
    this.relation = relation;
  }

  /** The literal form with this name, e.g. {@code NumericEquals}. */
  public static Optional<ComparisonOperator> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The operator whose path form has this name, e.g. {@code NumericEqualsPath}. */
  public static Optional<ComparisonOperator> byPathName(String name) {
    return Optional.ofNullable(BY_PATH_NAME.get(name));
  }

  /** The field name of the literal form, e.g. {@code NumericEquals}. */
  public String aslName() {
    return aslName;
  }

  /** Whether a {@code ...Path} form exists: every operator but {@code StringMatches}. */
  public boolean hasPathForm() {
    return relation != Relation.MATCHES;
  }

  /** The field name of the path form, e.g. {@code NumericEqualsPath}. */
  public String pathName() {
    return aslName + "Path";
  }

  /** The type both values must have for the comparison to be true. */
  public ValueType type() {
    return type;
  }

  public Relation relation() {
    return relation;
  }

  /**
   * Compares two JSON values; false, not an error, when either is of the wrong type.
   *
   * @param value the value at {@code Variable}
   * @param operand the literal, or the value at the {@code ...Path} operand
   */
  public boolean test(JsonNode value, JsonNode operand) {
    return relation.holds(type, value, operand);
  }
}
