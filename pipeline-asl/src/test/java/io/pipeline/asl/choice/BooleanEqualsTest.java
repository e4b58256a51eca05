package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BooleanEqualsTest {

  @Test
  void shouldBeTrueWhenBooleansAreEqual() {
    // when / then
    assertThat(evaluate("{'Variable': '$.v', 'BooleanEquals': true}", "{'v': true}")).isTrue();
    assertThat(evaluate("{'Variable': '$.v', 'BooleanEquals': false}", "{'v': false}")).isTrue();
  }

  @Test
  void shouldBeFalseWhenBooleansDiffer() {
    // when / then
    assertThat(evaluate("{'Variable': '$.v', 'BooleanEquals': true}", "{'v': false}")).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'BooleanEquals': false}", "{'v': true}")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "0", "1", "0.0", "'true'", "''", "[]", "[true]", "{}"})
  void shouldBeFalseWhenVariableIsNotABoolean(String value) {
    // given
    String input = "{'v': " + value + "}";

    // when / then: neither true nor false equals a non-boolean
    assertThat(evaluate("{'Variable': '$.v', 'BooleanEquals': true}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'BooleanEquals': false}", input)).isFalse();
  }
}
