package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code States.Base64Encode} and {@code States.Base64Decode}, over UTF-8. */
final class Base64Functions {

  /** The longest string either function accepts, in characters. */
  static final int MAX_INPUT_LENGTH = 10_000;

  private Base64Functions() {}

  /** {@code States.Base64Encode(string)}: standard Base64 with padding. */
  static JsonNode encode(FunctionArguments args) {
    String text = input(args);
    return TextNode.valueOf(
        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code States.Base64Decode(string)}: decoded leniently, the bytes read as UTF-8. */
  static JsonNode decode(FunctionArguments args) {
    String text = input(args);
    return TextNode.valueOf(new String(LenientBase64.decode(text), StandardCharsets.UTF_8));
  }

  private static String input(FunctionArguments args) {
    args.requireCount(1);
    String text = args.string(0);
    if (text.length() > MAX_INPUT_LENGTH) {
      throw args.invalid();
    }
    return text;
  }
}
