package io.pipeline.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One JSONPath-mode Choice rule, as parsed by {@link ChoiceRules#parse}: a boolean combinator
 * ({@link And}, {@link Or}, {@link Not}), a {@link Comparison} of the value at {@code Variable}
 * with a literal or another path, or a {@link TypeTest} such as {@code IsPresent}. Immutable.
 */
public sealed interface ChoiceRule
    permits ChoiceRule.And,
        ChoiceRule.Or,
        ChoiceRule.Not,
        ChoiceRule.Comparison,
        ChoiceRule.TypeTest {

  /** True when every rule is true; evaluation stops at the first false one. */
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    /**
     * @param rules at least one rule
     */
    public And {
      rules = List.copyOf(rules);
      if (rules.isEmpty()) {
        throw new IllegalArgumentException("And needs at least one rule");
      }
    }
  }

  /** True when any rule is true; evaluation stops at the first true one. */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    /**
     * @param rules at least one rule
     */
    public Or {
      rules = List.copyOf(rules);
      if (rules.isEmpty()) {
        throw new IllegalArgumentException("Or needs at least one rule");
      }
    }
  }

  /** The negation of one rule. */
  record Not(ChoiceRule rule) implements ChoiceRule {
    public Not {
      Objects.requireNonNull(rule, "rule");
    }
  }

  /**
   * Compares the value at {@code variable} with an operand, e.g. {@code "Variable": "$.n",
   * "NumericLessThan": 3} or {@code "Variable": "$.a", "StringEqualsPath": "$.b"}.
   *
   * @param variable the path ({@code $...} or {@code $$...}) of the value to compare
   * @param operator the comparison
   * @param operand a literal of the operator's type, or a path for the {@code ...Path} form
   */
  record Comparison(String variable, ComparisonOperator operator, Operand operand)
      implements ChoiceRule {
    public Comparison {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }
  }

  /**
   * Tests the value at {@code variable} for presence or type, e.g. {@code "IsNull": true}. The rule
   * is true when the test's outcome equals {@code expected}.
   *
   * @param variable the path ({@code $...} or {@code $$...}) of the value to test
   * @param check the test
   * @param expected the outcome that makes the rule true
   */
  record TypeTest(String variable, TypeCheck check, boolean expected) implements ChoiceRule {
    public TypeTest {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(check, "check");
    }
  }

  /** The right-hand side of a {@link Comparison}. */
  sealed interface Operand permits Literal, PathOperand {}

  /**
   * A value written in the rule, already checked to suit the operator.
   *
   * @param value a string, number, boolean or timestamp string
   */
  record Literal(JsonNode value) implements Operand {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A path whose value is read when the rule is evaluated (the {@code ...Path} form).
   *
   * @param path {@code $...} or {@code $$...}
   */
  record PathOperand(String path) implements Operand {
    public PathOperand {
      Objects.requireNonNull(path, "path");
    }
  }
}
