package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.event.ruler.Machine;

/**
 * The trigger rules of an orchestrator, and which of them an event starts. The rules of a topic
 * share one Event Ruler machine, so an event is matched once whatever the number of rules.
 * Immutable and safe to share between threads.
 */
public final class TriggerRules {

  /** {@code ORCHESTRATOR_TRIGGERS}: the rules, as JSON or {@code @file}; none by default. */
  public static final Setting<String> SETTING =
      Setting.string(
          "ORCHESTRATOR_TRIGGERS",
          "[]",
          "JSON array of trigger rules {name, sourceTopic, pattern, stateMachineArn,"
              + " inputTemplate, executionName}, or @file to read it from a file. pattern: an"
              + " EventBridge event pattern (none: every event); inputTemplate: JSON whose"
              + " \"field.$\" values are JSONPaths into the event (none: the whole event);"
              + " executionName: text with {JSONPath} placeholders (none: the rule's name and a"
              + " hash of the event).");

  /** The rules of one topic, in the order they were given, and their shared machine. */
  private record TopicRules(List<TriggerRule> rules, Machine machine) {}

  private final List<TriggerRule> rules;
  private final Map<String, TopicRules> byTopic;

  private TriggerRules(List<TriggerRule> rules) {
    this.rules = List.copyOf(rules);
    Map<String, List<TriggerRule>> grouped = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (TriggerRule rule : this.rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("two trigger rules are named '" + rule.name() + "'");
      }
      grouped.computeIfAbsent(rule.sourceTopic(), topic -> new ArrayList<>()).add(rule);
    }
    Map<String, TopicRules> byTopic = new LinkedHashMap<>();
    grouped.forEach(
        (topic, topicRules) -> {
          Machine machine = Machine.builder().build();
          topicRules.stream()
              .filter(rule -> !rule.pattern().matchesAnyEvent())
              .forEach(rule -> rule.pattern().addTo(machine, rule.name()));
          byTopic.put(topic, new TopicRules(List.copyOf(topicRules), machine));
        });
    this.byTopic = Map.copyOf(byTopic);
  }

  /**
   * Rules given in code.
   *
   * @throws IllegalArgumentException when two rules have one name
   */
  public static TriggerRules of(List<TriggerRule> rules) {
    return new TriggerRules(rules);
  }

  /**
   * Reads the rules of {@link #SETTING}.
   *
   * @throws io.pipeline.common.config.ConfigException naming the rule and property at fault
   */
  public static TriggerRules from(Settings settings) {
    return parse(SETTING.name(), settings.get(SETTING));
  }

  /**
   * Reads rules from JSON.
   *
   * @param setting the setting's name, for messages
   * @param value a JSON array of rules, or {@code @path} of a file holding one
   * @throws io.pipeline.common.config.ConfigException naming the rule and property at fault
   */
  public static TriggerRules parse(String setting, String value) {
    return new TriggerRules(TriggerRulesJson.parse(setting, value));
  }

  /** Every rule, in the order given. */
  public List<TriggerRule> rules() {
    return rules;
  }

  /** The topics that rules read, for the consumer to subscribe to. */
  public Set<String> topics() {
    return byTopic.keySet();
  }

  /**
   * What an event read from a topic starts: one {@link TriggerMatch} per rule of that topic whose
   * pattern matches, in the order the rules were given. An event that is not a JSON object matches
   * only rules without a pattern.
   */
  public List<TriggerMatch> match(String topic, JsonNode event) {
    TopicRules topicRules = byTopic.get(topic);
    if (topicRules == null) {
      return List.of();
    }
    Set<String> matched =
        event.isObject() ? new HashSet<>(topicRules.machine().rulesForJSONEvent(event)) : Set.of();
    List<TriggerMatch> matches = new ArrayList<>();
    for (TriggerRule rule : topicRules.rules()) {
      if (rule.pattern().matchesAnyEvent() || matched.contains(rule.name())) {
        matches.add(start(rule, event));
      }
    }
    return matches;
  }

  private static TriggerMatch start(TriggerRule rule, JsonNode event) {
    Rendered<JsonNode> input = rule.inputTemplate().apply(event);
    if (input instanceof Rendered.Failed<JsonNode> failed) {
      return new TriggerMatch.Unstartable(rule, failed.reason());
    }
    Rendered<String> name = rule.executionName().render(rule.name(), event);
    if (name instanceof Rendered.Failed<String> failed) {
      return new TriggerMatch.Unstartable(rule, failed.reason());
    }
    return new TriggerMatch.Start(
        rule, ((Rendered.Done<JsonNode>) input).value(), ((Rendered.Done<String>) name).value());
  }

  /** The rule of that name, if there is one. */
  public Optional<TriggerRule> rule(String name) {
    return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
  }
}
