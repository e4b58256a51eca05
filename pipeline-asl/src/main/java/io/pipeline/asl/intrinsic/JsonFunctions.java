package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** {@code States.StringToJson}, {@code States.JsonToString} and {@code States.JsonMerge}. */
final class JsonFunctions {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonFunctions() {}

  /** {@code States.StringToJson(string)}; a blank string is null, as on AWS. */
  static JsonNode stringToJson(FunctionArguments args) {
    args.requireCount(1);
    String text = args.string(0);
    if (text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw args.invalid();
    }
  }

  /** {@code States.JsonToString(value)}: compact JSON, keys in their order. */
  static JsonNode jsonToString(FunctionArguments args) {
    args.requireCount(1);
    try {
      return TextNode.valueOf(MAPPER.writeValueAsString(args.get(0)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be written", e);
    }
  }

  /**
   * {@code States.JsonMerge(a, b, false)}: a shallow merge, {@code b}'s fields winning, in AWS's
   * {@code HashMap} order. Deep merging ({@code true}) is not supported, as on AWS; like AWS, any
   * other third argument means a shallow merge.
   */
  static JsonNode merge(FunctionArguments args) {
    args.requireCount(3);
    JsonNode deep = args.get(2);
    if (deep.isBoolean() && deep.booleanValue()) {
      throw args.invalid();
    }
    return JavaHashOrder.merge(args.object(0), args.object(1));
  }
}
