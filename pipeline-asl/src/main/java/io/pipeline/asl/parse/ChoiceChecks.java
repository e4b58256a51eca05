package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.choice.ChoiceRules;
import io.pipeline.asl.choice.ComparisonOperator;
import io.pipeline.asl.choice.TypeCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a Choice state's {@code Choices} and {@code Default}. JSONPath rules are parsed by {@link
 * ChoiceRules}, whose problems are reported at their own locations; JSONata rules need a {@code
 * Condition}.
 */
final class ChoiceChecks {

  /** Fields of JSONata rules that a JSONPath rule must not have. */
  private static final Set<String> JSONATA_ONLY = Set.of("Condition", "Output");

  /** Fields of JSONPath rules besides their operators. */
  private static final Set<String> JSONPATH_RULE_FIELDS = Set.of("Variable", "And", "Or", "Not");

  private final Findings findings;
  private final FieldChecks fields;
  private final JsonPathChecks paths;
  private final JsonataChecks jsonata;

  ChoiceChecks(Findings findings, FieldChecks fields, JsonPathChecks paths, JsonataChecks jsonata) {
    this.findings = findings;
    this.fields = fields;
    this.paths = paths;
    this.jsonata = jsonata;
  }

  void check(StateContext state) {
    JsonNode choices = state.json().get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      findings.error(
          DiagnosticCodes.MISSING_CHOICES,
          "a Choice state needs an array of at least one rule in Choices",
          state.at("Choices"));
    } else {
      for (int i = 0; i < choices.size(); i++) {
        String ruleAt = Pointers.index(state.at("Choices"), i);
        JsonNode rule = choices.get(i);
        if (!rule.isObject()) {
          findings.error(
              DiagnosticCodes.NOT_AN_OBJECT, "a choice rule must be a JSON object", ruleAt);
          continue;
        }
        if (state.jsonPath()) {
          jsonPathRule(state, (ObjectNode) rule, ruleAt);
        } else {
          jsonataRule(state, rule, ruleAt);
        }
        target(state, rule, ruleAt);
      }
    }
    JsonNode defaultState = state.json().get("Default");
    if (defaultState != null
        && fields.string(state.json(), "Default", state.at())
        && !state.scope().contains(defaultState.textValue())) {
      findings.error(
          DiagnosticCodes.MISSING_TRANSITION_TARGET,
          "Default names no state of this state machine: '" + defaultState.textValue() + "'",
          state.at("Default"));
    }
  }

  private void jsonPathRule(StateContext state, ObjectNode rule, String ruleAt) {
    ObjectNode own = rule.deepCopy();
    for (String field : JSONATA_ONLY) {
      if (own.remove(field) != null) {
        findings.error(
            DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE,
            "'" + field + "' is a JSONata field, but " + state.describe() + " uses JSONPath",
            Pointers.field(ruleAt, field));
      }
    }
    // Next and Assign are checked here, so the rest is parsed as a rule without them.
    own.remove("Next");
    own.remove("Assign");
    String deep = deepExpression(own, ruleAt);
    if (deep != null) {
      findings.error(
          DiagnosticCodes.INVALID_CHOICE_RULE,
          "a path nests brackets or parentheses more than " + ExpressionDepth.MAX + " levels deep",
          deep);
      return;
    }
    List<String> problems = new ArrayList<>();
    ChoiceRules.parse(own, ruleAt, problems);
    for (String problem : problems) {
      int separator = problem.indexOf(": ", ruleAt.length());
      boolean located = problem.startsWith(ruleAt) && separator >= 0;
      findings.error(
          DiagnosticCodes.INVALID_CHOICE_RULE,
          located ? problem.substring(separator + 2) : problem,
          located ? problem.substring(0, separator) : ruleAt);
    }
    if (rule.has("Assign")) {
      paths.template(rule.get("Assign"), Pointers.field(ruleAt, "Assign"));
    }
  }

  /**
   * The location of a string in the rule nested too deep for the path parser, which would overflow
   * the stack in {@link ChoiceRules}; null when there is none.
   */
  private static String deepExpression(JsonNode node, String at) {
    if (node.isTextual()) {
      return ExpressionDepth.tooDeep(node.textValue()) ? at : null;
    }
    for (var fields = node.fields(); fields.hasNext(); ) {
      var field = fields.next();
      String found = deepExpression(field.getValue(), Pointers.field(at, field.getKey()));
      if (found != null) {
        return found;
      }
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      String found = deepExpression(node.get(i), Pointers.index(at, i));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private void jsonataRule(StateContext state, JsonNode rule, String ruleAt) {
    for (var names = rule.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!StateFields.JSONATA_CHOICE_RULE.contains(name)) {
        boolean jsonPathField = isJsonPathRuleField(name);
        findings.error(
            jsonPathField
                ? DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE
                : DiagnosticCodes.UNKNOWN_FIELD,
            jsonPathField
                ? "'"
                    + name
                    + "' belongs to JSONPath choice rules, but "
                    + state.describe()
                    + " uses JSONata: give a Condition"
                : "'" + name + "' is not a field of a choice rule",
            Pointers.field(ruleAt, name));
      }
    }
    if (!rule.has("Condition")) {
      findings.error(
          DiagnosticCodes.MISSING_CONDITION, "a JSONata choice rule needs a Condition", ruleAt);
    } else {
      jsonata.condition(rule, "Condition", ruleAt);
    }
    for (String field : new String[] {"Output", "Assign"}) {
      if (rule.has(field)) {
        jsonata.templates(rule.get(field), Pointers.field(ruleAt, field));
      }
    }
  }

  private void target(StateContext state, JsonNode rule, String ruleAt) {
    JsonNode next = rule.get("Next");
    if (next == null) {
      findings.error(DiagnosticCodes.MISSING_NEXT, "a choice rule needs Next", ruleAt);
    } else if (fields.string(rule, "Next", ruleAt) && !state.scope().contains(next.textValue())) {
      findings.error(
          DiagnosticCodes.MISSING_TRANSITION_TARGET,
          "the rule's Next names no state of this state machine: '" + next.textValue() + "'",
          Pointers.field(ruleAt, "Next"));
    }
  }

  /** Whether a field belongs to JSONPath choice rules: Variable, a combinator or an operator. */
  private static boolean isJsonPathRuleField(String name) {
    return JSONPATH_RULE_FIELDS.contains(name)
        || TypeCheck.byName(name).isPresent()
        || ComparisonOperator.byName(name).isPresent()
        || ComparisonOperator.byPathName(name).isPresent();
  }
}
