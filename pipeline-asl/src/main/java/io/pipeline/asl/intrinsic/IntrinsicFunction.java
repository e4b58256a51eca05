package io.pipeline.asl.intrinsic;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The eighteen intrinsic functions of JSONPath states, by their name in a definition. */
public enum IntrinsicFunction {
  FORMAT("States.Format"),
  STRING_TO_JSON("States.StringToJson"),
  JSON_TO_STRING("States.JsonToString"),
  ARRAY("States.Array"),
  ARRAY_PARTITION("States.ArrayPartition"),
  ARRAY_CONTAINS("States.ArrayContains"),
  ARRAY_RANGE("States.ArrayRange"),
  ARRAY_GET_ITEM("States.ArrayGetItem"),
  ARRAY_LENGTH("States.ArrayLength"),
  ARRAY_UNIQUE("States.ArrayUnique"),
  BASE64_ENCODE("States.Base64Encode"),
  BASE64_DECODE("States.Base64Decode"),
  HASH("States.Hash"),
  JSON_MERGE("States.JsonMerge"),
  MATH_RANDOM("States.MathRandom"),
  MATH_ADD("States.MathAdd"),
  STRING_SPLIT("States.StringSplit"),
  UUID("States.UUID");

  private static final Map<String, IntrinsicFunction> BY_NAME =
      Arrays.stream(values())
          .collect(
              Collectors.toUnmodifiableMap(IntrinsicFunction::functionName, Function.identity()));

  private final String functionName;

  IntrinsicFunction(String functionName) {
    this.functionName = functionName;
  }

  /** The name as written in a definition, e.g. {@code States.Format}. */
  public String functionName() {
    return functionName;
  }

  /** The function with this exact (case-sensitive) name, if there is one. */
  public static Optional<IntrinsicFunction> fromName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
