package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.StringTokenizer;

/**
 * {@code States.StringSplit(string, delimiters)}: every character of {@code delimiters} separates,
 * and empty pieces are dropped ({@code ", , ,"} split on {@code ","} is {@code [" ", " "]}), as a
 * Java {@code StringTokenizer} does and AWS answers.
 */
final class StringSplitFunction {

  private StringSplitFunction() {}

  static JsonNode split(FunctionArguments args) {
    args.requireCount(2);
    StringTokenizer tokens = new StringTokenizer(args.string(0), args.string(1));
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    while (tokens.hasMoreTokens()) {
      result.add(tokens.nextToken());
    }
    return result;
  }
}
