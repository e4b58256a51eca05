package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.path.PathScope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads JSONPath-mode Choice rules from JSON, adding a message for every problem found, each
 * starting with the JSON Pointer of where it is.
 */
final class ChoiceRuleParser {

  private static final String VARIABLE = "Variable";
  private static final String NEXT = "Next";
  private static final String COMMENT = "Comment";
  private static final String AND = "And";
  private static final String OR = "Or";
  private static final String NOT = "Not";
  private static final Set<String> COMBINATORS = Set.of(AND, OR, NOT);

  /** Fields a rule may carry besides its operator and Variable. */
  private static final Set<String> NESTED_FIELDS = Set.of(COMMENT);

  /** A top-level rule also names the next state and may assign variables. */
  private static final Set<String> TOP_LEVEL_FIELDS = Set.of(COMMENT, NEXT, "Assign");

  private final List<String> problems;

  ChoiceRuleParser(List<String> problems) {
    this.problems = problems;
  }

  /** A rule without {@code Next}: nested in And, Or or Not, or standing alone. */
  Optional<ChoiceRule> rule(JsonNode node, String location) {
    return parse(node, location, NESTED_FIELDS);
  }

  /** An entry of a Choice state's {@code Choices}: a rule with its {@code Next}. */
  Optional<ChoiceBranch> branch(JsonNode node, String location) {
    int before = problems.size();
    Optional<ChoiceRule> rule = parse(node, location, TOP_LEVEL_FIELDS);
    Optional<String> next = node.isObject() ? next(node, location) : Optional.empty();
    if (problems.size() > before || rule.isEmpty() || next.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChoiceBranch(rule.get(), next.get()));
  }

  private Optional<String> next(JsonNode node, String location) {
    JsonNode next = node.get(NEXT);
    if (next == null) {
      problem(location, "missing Next");
      return Optional.empty();
    }
    if (!next.isTextual() || next.textValue().isEmpty()) {
      problem(location + "/" + NEXT, "must be a non-empty state name");
      return Optional.empty();
    }
    return Optional.of(next.textValue());
  }

  private Optional<ChoiceRule> parse(JsonNode node, String location, Set<String> fields) {
    if (!node.isObject()) {
      problem(location, "a choice rule must be a JSON object");
      return Optional.empty();
    }
    int before = problems.size();
    List<String> operators = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (isOperator(name)) {
        operators.add(name);
      } else if (!name.equals(VARIABLE) && !fields.contains(name)) {
        unknownField(location, name);
      }
    }
    JsonNode comment = node.get(COMMENT);
    if (comment != null && !comment.isTextual()) {
      problem(location + "/" + COMMENT, "must be a string");
    }
    if (operators.isEmpty()) {
      problem(
          location,
          "no operator: a choice rule needs And, Or, Not, or a Variable with a comparison"
              + " operator such as StringEquals or IsPresent");
      return Optional.empty();
    }
    if (operators.size() > 1) {
      problem(
          location,
          "several operators ("
              + String.join(", ", operators)
              + "): a choice rule takes exactly one");
      return Optional.empty();
    }
    String operator = operators.get(0);
    Optional<ChoiceRule> rule =
        COMBINATORS.contains(operator)
            ? combinator(node, location, operator)
            : dataTest(node, location, operator);
    return problems.size() == before ? rule : Optional.empty();
  }

  private void unknownField(String location, String name) {
    if (name.equals(NEXT) || name.equals("Assign")) {
      problem(location, name + " is only allowed on a top-level choice rule");
    } else if (name.equals("Condition")) {
      problem(
          location,
          "Condition belongs to JSONata choice rules; a JSONPath rule uses Variable and an"
              + " operator");
    } else {
      problem(location, "unknown operator or field '" + name + "'");
    }
  }

  private static boolean isOperator(String name) {
    return COMBINATORS.contains(name)
        || TypeCheck.byName(name).isPresent()
        || ComparisonOperator.byName(name).isPresent()
        || ComparisonOperator.byPathName(name).isPresent();
  }

  private Optional<ChoiceRule> combinator(JsonNode node, String location, String operator) {
    if (node.has(VARIABLE)) {
      problem(location, "Variable is not allowed with " + operator);
    }
    String at = location + "/" + operator;
    JsonNode value = node.get(operator);
    if (operator.equals(NOT)) {
      return rule(value, at).map(ChoiceRule.Not::new);
    }
    if (!value.isArray() || value.isEmpty()) {
      problem(at, "must be a non-empty array of choice rules");
      return Optional.empty();
    }
    List<ChoiceRule> rules = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      rule(value.get(i), at + "/" + i).ifPresent(rules::add);
    }
    if (rules.size() < value.size()) {
      return Optional.empty();
    }
    return Optional.of(operator.equals(AND) ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules));
  }

  private Optional<ChoiceRule> dataTest(JsonNode node, String location, String operator) {
    Optional<String> variable = variable(node, location);
    String at = location + "/" + operator;
    JsonNode value = node.get(operator);
    Optional<TypeCheck> check = TypeCheck.byName(operator);
    if (check.isPresent()) {
      if (!value.isBoolean()) {
        problem(at, "must be a boolean");
        return Optional.empty();
      }
      return variable.map(v -> new ChoiceRule.TypeTest(v, check.get(), value.booleanValue()));
    }
    Optional<ComparisonOperator> literalForm = ComparisonOperator.byName(operator);
    if (literalForm.isPresent()) {
      ValueType type = literalForm.get().type();
      if (!type.accepts(value)) {
        problem(at, "must be " + type.description());
        return Optional.empty();
      }
      return variable.map(
          v -> new ChoiceRule.Comparison(v, literalForm.get(), new ChoiceRule.Literal(value)));
    }
    ComparisonOperator pathForm = ComparisonOperator.byPathName(operator).orElseThrow();
    Optional<String> path = referencePath(value, at);
    if (variable.isEmpty() || path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ChoiceRule.Comparison(
            variable.get(), pathForm, new ChoiceRule.PathOperand(path.get())));
  }

  private Optional<String> variable(JsonNode node, String location) {
    JsonNode variable = node.get(VARIABLE);
    if (variable == null) {
      problem(location, "missing Variable");
      return Optional.empty();
    }
    return referencePath(variable, location + "/" + VARIABLE);
  }

  private Optional<String> referencePath(JsonNode value, String at) {
    if (!value.isTextual()) {
      problem(at, "must be a path string such as $.field or $$.Execution.Input.field");
      return Optional.empty();
    }
    String path = value.textValue();
    if (!PathScope.isValid(path)) {
      problem(
          at,
          "'"
              + path
              + "' is not a valid JSONPath: it starts with $ for the state's input, $$ for the"
              + " context object, or $name for a variable");
      return Optional.empty();
    }
    if (!PathScope.isDefinite(path)) {
      problem(
          at,
          "'"
              + path
              + "' may name several values: a choice rule needs a reference path, without"
              + " wildcards, filters, slices or deep scans");
      return Optional.empty();
    }
    return Optional.of(path);
  }

  private void problem(String location, String message) {
    problems.add(location + ": " + message);
  }
}
