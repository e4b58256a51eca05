package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/** The type tests of Choice rules: {@code IsPresent}, {@code IsNull}, {@code IsString}... */
public enum TypeCheck {
  /** The path names a value, {@code null} included. The only test a missing path does not fail. */
  IS_PRESENT("IsPresent", value -> true),
  IS_NULL("IsNull", JsonNode::isNull),
  IS_NUMERIC("IsNumeric", JsonNode::isNumber),
  IS_STRING("IsString", JsonNode::isTextual),
  IS_BOOLEAN("IsBoolean", JsonNode::isBoolean),
  /** A string holding a timestamp, see {@link ValueType#TIMESTAMP}. */
  IS_TIMESTAMP("IsTimestamp", ValueType.TIMESTAMP::accepts);

  private final String aslName;
  private final Predicate<JsonNode> test;

  TypeCheck(String aslName, Predicate<JsonNode> test) {
    this.aslName = aslName;
    this.test = test;
  }

  /** The check with this field name, e.g. {@code IsNull}. */
  public static Optional<TypeCheck> byName(String name) {
    return Arrays.stream(values()).filter(c -> c.aslName.equals(name)).findFirst();
  }

  /** The field name, e.g. {@code IsNull}. */
  public String aslName() {
    return aslName;
  }

  /** Whether a value that is present passes the check. */
  public boolean test(JsonNode value) {
    return test.test(value);
  }
}
