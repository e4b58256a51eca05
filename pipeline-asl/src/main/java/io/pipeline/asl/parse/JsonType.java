package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** JSON types a field may be required to have. */
enum JsonType {
  STRING("a string", JsonNode::isTextual),
  BOOLEAN("a boolean", JsonNode::isBoolean),
  OBJECT("a JSON object", JsonNode::isObject),
  ARRAY("an array", JsonNode::isArray),
  NUMBER("a number", JsonNode::isNumber);

  private final String description;
  private final Predicate<JsonNode> test;

  JsonType(String description, Predicate<JsonNode> test) {
    this.description = description;
    this.test = test;
  }

  boolean test(JsonNode value) {
    return test.test(value);
  }

  String description() {
    return description;
  }
}
