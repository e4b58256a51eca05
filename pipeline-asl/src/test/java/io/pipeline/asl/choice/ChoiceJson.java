package io.pipeline.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: JSON written with single quotes, and rules parsed from it. */
final class ChoiceJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  private ChoiceJson() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a rule that must have no problems. */
  static ChoiceRule rule(String ruleJson) {
    List<String> problems = new ArrayList<>();
    ChoiceRule rule = ChoiceRules.parse(json(ruleJson), "/rule", problems).orElseThrow();
    assertThat(problems).isEmpty();
    return rule;
  }

  /** Parses a rule and evaluates it against an input, with an empty context object. */
  static boolean evaluate(String ruleJson, String inputJson) {
    return ChoiceRules.evaluate(rule(ruleJson), json(inputJson), json("{}"));
  }
}
