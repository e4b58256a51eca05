package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.path.PathScope;
import java.util.List;
import java.util.Optional;

/** Parses and evaluates JSONPath-mode Choice rules. */
public final class ChoiceRules {

  private ChoiceRules() {}

  /**
   * Parses one rule without {@code Next}: a rule nested in {@code And}, {@code Or} or {@code Not},
   * or one whose {@code Next} the caller has taken off. For an entry of {@code Choices} use {@link
   * #parseBranch}.
   *
   * <p>Problems (unknown operator, missing Variable, operand of the wrong JSON type, invalid path,
   * several operators in one rule...) are added to {@code problems} as human-readable messages that
   * start with {@code location} or a location below it, e.g. {@code
   * /States/Check/Choices/0/And/1/Variable: ...}. Every problem in the rule is reported, not just
   * the first.
   *
   * @param rule the rule's JSON
   * @param location the JSON Pointer of the rule in the definition
   * @param problems where problems are added
   * @return the rule, or empty when it has any problem
   */
  public static Optional<ChoiceRule> parse(JsonNode rule, String location, List<String> problems) {
    return new ChoiceRuleParser(problems).rule(rule, location);
  }

  /**
   * Parses an entry of a Choice state's {@code Choices} array: a rule with its {@code Next}. It may
   * also carry {@code Assign} and {@code Comment}, which are left to the caller. A missing {@code
   * Next} is reported as "{@code <location>: missing Next}".
   *
   * @param topLevelRule the entry's JSON
   * @param location the JSON Pointer of the entry, e.g. {@code /States/Check/Choices/0}
   * @param problems where problems are added, as for {@link #parse}
   * @return the rule and its {@code Next}, or empty when the entry has any problem
   */
  public static Optional<ChoiceBranch> parseBranch(
      JsonNode topLevelRule, String location, List<String> problems) {
    return new ChoiceRuleParser(problems).branch(topLevelRule, location);
  }

  /**
   * Evaluates a rule as AWS Step Functions does. {@code And} and {@code Or} stop at the first rule
   * that decides them. A comparison with a value of the wrong JSON type is false.
   *
   * @param rule the rule
   * @param input the state's input, read by {@code $...} paths
   * @param contextObject the context object, read by {@code $$...} paths
   * @return whether the rule is true
   * @throws StateFailure {@code States.Runtime} when a path in a comparison or type test (other
   *     than {@code IsPresent}) names nothing: "Invalid path '$.x': The choice state's condition
   *     path references an invalid value."
   */
  public static boolean evaluate(ChoiceRule rule, JsonNode input, JsonNode contextObject) {
    return evaluate(rule, PathScope.of(input, contextObject));
  }

  /**
   * Evaluates a rule in a scope that may hold workflow variables ({@code $name} paths).
   *
   * @throws StateFailure as {@link #evaluate(ChoiceRule, JsonNode, JsonNode)} does, and when a
   *     variable is not defined
   */
  public static boolean evaluate(ChoiceRule rule, PathScope scope) {
    return new ChoiceRuleEvaluator(scope).evaluate(rule);
  }
}
