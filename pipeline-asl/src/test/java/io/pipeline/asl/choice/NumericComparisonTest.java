package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericComparisonTest {

  @ParameterizedTest
  @CsvSource({"1, 1.0", "1.0, 1", "0, 0.0", "0.0, 0", "2.22, 2.22", "-0.0, 0", "100, 1e2"})
  void shouldBeEqualWhenNumbersHaveTheSameValue(String variable, String literal) {
    // given
    String rule = "{'Variable': '$.v', 'NumericEquals': " + literal + "}";

    // when
    boolean result = evaluate(rule, "{'v': " + variable + "}");

    // then
    assertThat(result).isTrue();
  }

  @Test
  void shouldDistinguishWhenIntegersAreBeyondDoublePrecision() {
    // given
    String rule = "{'Variable': '$.v', 'NumericLessThan': 12345678901234567891}";

    // when
    boolean result = evaluate(rule, "{'v': 12345678901234567890}");

    // then
    assertThat(result).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "NumericLessThan, 0, 1, true",
    "NumericLessThan, 1, 1, false",
    "NumericLessThan, 1, 0, false",
    "NumericGreaterThan, 1, 0, true",
    "NumericGreaterThan, 1, 1, false",
    "NumericGreaterThan, 0.0, 0, false",
    "NumericLessThanEquals, 1, 1, true",
    "NumericLessThanEquals, 0.0, 0, true",
    "NumericLessThanEquals, 1, 0, false",
    "NumericGreaterThanEquals, 0, 0, true",
    "NumericGreaterThanEquals, 1, 0, true",
    "NumericGreaterThanEquals, 0, 1, false",
    "NumericGreaterThan, -1.5, -2, true",
    "NumericGreaterThan, 9007199254740993, 9007199254740992.0, true",
    "NumericLessThan, 9007199254740992.0, 9007199254740993, true",
    "NumericEquals, 9007199254740992, 9007199254740992.0, true",
    "NumericLessThan, 0.1, 0.30000000000000004, true",
    "NumericLessThanEquals, -0.0, 0, true"
  })
  void shouldOrderByValueWhenComparingNumbers(
      String operator, String variable, String literal, boolean expected) {
    // given
    String rule = "{'Variable': '$.v', '" + operator + "': " + literal + "}";

    // when
    boolean result = evaluate(rule, "{'v': " + variable + "}");

    // then
    assertThat(result).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "'0'", "'1'", "''", "true", "false", "[]", "[0]", "{}"})
  void shouldBeFalseWhenVariableIsNotANumber(String value) {
    // given
    String input = "{'v': " + value + "}";

    // when / then
    assertThat(evaluate("{'Variable': '$.v', 'NumericEquals': 0}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'NumericEquals': 1}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'NumericLessThan': 100}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'NumericGreaterThanEquals': -100}", input)).isFalse();
  }
}
