package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StringComparisonTest {

  @Test
  void shouldBeTrueWhenStringsAreEqual() {
    // given
    String rule = "{'Variable': '$.v', 'StringEquals': 'Hello'}";

    // when
    boolean result = evaluate(rule, "{'v': 'Hello'}");

    // then
    assertThat(result).isTrue();
  }

  @Test
  void shouldBeFalseWhenStringsDifferOnlyInWhitespace() {
    // given
    String rule = "{'Variable': '$.v', 'StringEquals': '\\t\\r\\n'}";

    // when
    boolean result = evaluate(rule, "{'v': '\\t\\n'}");

    // then
    assertThat(result).isFalse();
  }

  @Test
  void shouldOrderAPrefixBeforeTheLongerStringWhenComparing() {
    // given
    String input = "{'v': 'A'}";

    // when / then
    assertThat(evaluate("{'Variable': '$.v', 'StringLessThan': 'AB'}", input)).isTrue();
    assertThat(evaluate("{'Variable': '$.v', 'StringLessThan': 'A '}", input)).isTrue();
    assertThat(evaluate("{'Variable': '$.v', 'StringGreaterThan': 'A '}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'StringGreaterThanEquals': 'AB'}", input)).isFalse();
  }

  @Test
  void shouldIncludeEqualityWhenOperatorIsLessOrGreaterThanEquals() {
    // given
    String input = "{'v': ''}";

    // when / then
    assertThat(evaluate("{'Variable': '$.v', 'StringLessThanEquals': ''}", input)).isTrue();
    assertThat(evaluate("{'Variable': '$.v', 'StringGreaterThanEquals': ''}", input)).isTrue();
    assertThat(evaluate("{'Variable': '$.v', 'StringLessThan': ''}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'StringGreaterThan': ''}", input)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "0", "1.5", "true", "[]", "['Hello']", "{}", "{'A': 0}"})
  void shouldBeFalseWhenVariableIsNotAString(String value) {
    // given
    String input = "{'v': " + value + "}";

    // when / then
    assertThat(evaluate("{'Variable': '$.v', 'StringEquals': 'Hello'}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'StringLessThan': 'zzz'}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'StringGreaterThanEquals': ''}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'StringMatches': '*'}", input)).isFalse();
  }
}
