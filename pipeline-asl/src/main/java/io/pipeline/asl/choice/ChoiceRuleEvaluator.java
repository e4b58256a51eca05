package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.path.PathScope;
import java.util.Optional;

/** Evaluates parsed rules against a state's input and the context object. */
final class ChoiceRuleEvaluator {

  private final PathScope scope;

  ChoiceRuleEvaluator(PathScope scope) {
    this.scope = scope;
  }

  /** The cause AWS gives when a rule's path names nothing. */
  static String invalidPathCause(String path) {
    return "Invalid path '"
        + path
        + "': The choice state's condition path references an invalid value.";
  }

  boolean evaluate(ChoiceRule rule) {
    if (rule instanceof ChoiceRule.And and) {
      return and.rules().stream().allMatch(this::evaluate);
    }
    if (rule instanceof ChoiceRule.Or or) {
      return or.rules().stream().anyMatch(this::evaluate);
    }
    if (rule instanceof ChoiceRule.Not not) {
      return !evaluate(not.rule());
    }
    if (rule instanceof ChoiceRule.TypeTest test) {
      return typeTest(test);
    }
    return comparison((ChoiceRule.Comparison) rule);
  }

  private boolean typeTest(ChoiceRule.TypeTest test) {
    boolean outcome =
        test.check() == TypeCheck.IS_PRESENT
            ? read(test.variable()).isPresent()
            : test.check().test(require(test.variable()));
    return outcome == test.expected();
  }

  private boolean comparison(ChoiceRule.Comparison comparison) {
    JsonNode value = require(comparison.variable());
    JsonNode operand = operand(comparison.operand());
    return comparison.operator().test(value, operand);
  }

  private JsonNode operand(ChoiceRule.Operand operand) {
    if (operand instanceof ChoiceRule.PathOperand path) {
      return require(path.path());
    }
    return ((ChoiceRule.Literal) operand).value();
  }

  private Optional<JsonNode> read(String path) {
    return scope.read(path);
  }

  private JsonNode require(String path) {
    return read(path).orElseThrow(() -> StateFailure.runtime(invalidPathCause(path)));
  }
}
