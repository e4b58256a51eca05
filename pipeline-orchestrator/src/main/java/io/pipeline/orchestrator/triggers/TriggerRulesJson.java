package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.common.config.ConfigException;
import io.pipeline.schemas.json.JsonSetting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads trigger rules from JSON: an array of objects with {@code name}, {@code sourceTopic} and
 * {@code stateMachineArn} (required), {@code pattern}, {@code inputTemplate} and {@code
 * executionName}. Every mistake is reported with the setting, the rule's index and the property at
 * fault; in a pattern or an input template, also a JSON pointer into it.
 */
final class TriggerRulesJson {

  private static final Set<String> PROPERTIES =
      Set.of("name", "sourceTopic", "pattern", "stateMachineArn", "inputTemplate", "executionName");

  private TriggerRulesJson() {}

  /**
   * @param setting the setting's name, for messages
   * @param value the JSON array, or {@code @path} of a file holding it
   */
  static List<TriggerRule> parse(String setting, String value) {
    JsonNode array = JsonSetting.read(setting, value);
    if (!array.isArray()) {
      throw new ConfigException(
          "Setting " + setting + " must be a JSON array of trigger rules, e.g. " + example());
    }
    List<TriggerRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "Setting " + setting + "[" + i + "]";
      TriggerRule rule;
      try {
        rule = rule(array.get(i));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": " + e.getMessage(), e);
      }
      if (!names.add(rule.name())) {
        throw new ConfigException(where + ": the name '" + rule.name() + "' is taken");
      }
      rules.add(rule);
    }
    return rules;
  }

  private static TriggerRule rule(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("a rule must be a JSON object, e.g. " + example());
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PROPERTIES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown property '"
                + name
                + "' (known: "
                + String.join(", ", PROPERTIES.stream().sorted().toList())
                + ")");
      }
    }
    return new TriggerRule(
        text(node, "name"),
        text(node, "sourceTopic"),
        pattern(node.get("pattern")),
        text(node, "stateMachineArn"),
        inputTemplate(node.get("inputTemplate")),
        executionName(node.get("executionName")));
  }

  private static EventPattern pattern(JsonNode pattern) {
    if (pattern == null) {
      return EventPattern.anyEvent();
    }
    try {
      return EventPattern.parse(pattern);
    } catch (InvalidPatternException e) {
      String at = e.pointer().isEmpty() ? "" : " at " + e.pointer();
      throw new IllegalArgumentException("'pattern'" + at + ": " + e.reason(), e);
    }
  }

  private static InputTemplate inputTemplate(JsonNode template) {
    if (template == null) {
      return InputTemplate.wholeEvent();
    }
    try {
      return InputTemplate.parse(template);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'inputTemplate' " + e.getMessage(), e);
    }
  }

  private static ExecutionNameTemplate executionName(JsonNode name) {
    if (name == null) {
      return ExecutionNameTemplate.byContent();
    }
    if (!name.isTextual()) {
      throw new IllegalArgumentException(
          "'executionName' must be a string with {JSONPath} placeholders, e.g. \"{$.key}\"");
    }
    try {
      return ExecutionNameTemplate.parse(name.textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'executionName' " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String property) {
    JsonNode value = node.get(property);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("'" + property + "' is required");
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new IllegalArgumentException("'" + property + "' must be a non-empty string");
    }
    return value.textValue();
  }

  static String example() {
    return "[{\"name\": \"landing-csv\", \"sourceTopic\": \"pipeline.s3.object-events\","
        + " \"pattern\": {\"bucket\": [\"landing\"], \"key\": [{\"prefix\": \"incoming/\"}]},"
        + " \"stateMachineArn\": \"arn:aws:states:us-east-1:000000000000:stateMachine:etl\"}]";
  }
}
