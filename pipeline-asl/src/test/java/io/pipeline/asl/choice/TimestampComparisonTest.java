package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampComparisonTest {

  @Test
  void shouldBeEqualWhenTimestampsNameTheSameInstantInDifferentOffsets() {
    // given
    String rule = "{'Variable': '$.v', 'TimestampEquals': '2012-10-09T19:00:55Z'}";

    // when / then
    assertThat(evaluate(rule, "{'v': '2012-10-09T20:00:55+01:00'}")).isTrue();
    assertThat(evaluate(rule, "{'v': '2012-10-09T19:00:55.000Z'}")).isTrue();
    assertThat(evaluate(rule, "{'v': '2012-10-09T19:00:56Z'}")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "TimestampLessThan, 2012-10-09T19:00:55Z, 2012-10-09T19:00:56Z, true",
    "TimestampLessThan, 2012-10-09T19:00:55Z, 2012-10-09T19:00:55Z, false",
    "TimestampGreaterThan, 2012-10-09T19:00:56Z, 2012-10-09T19:00:55Z, true",
    "TimestampGreaterThan, 2012-10-09T19:00:55Z, 2012-10-09T19:00:55Z, false",
    "TimestampLessThanEquals, 2012-10-09T19:00:55Z, 2012-10-09T19:00:55Z, true",
    "TimestampLessThanEquals, 2012-10-09T19:00:56Z, 2012-10-09T19:00:55Z, false",
    "TimestampGreaterThanEquals, 2012-10-09T19:00:55Z, 2012-10-09T19:00:55Z, true",
    "TimestampGreaterThanEquals, 2012-10-09T19:00:55Z, 2012-10-09T19:00:56Z, false",
    "TimestampLessThan, 2012-10-09T19:00:55.1Z, 2012-10-09T19:00:55.2Z, true",
    "TimestampGreaterThan, 2012-10-09T19:30:00+01:00, 2012-10-09T19:00:00Z, false"
  })
  void shouldOrderAsInstantsWhenComparingTimestamps(
      String operator, String variable, String literal, boolean expected) {
    // given
    String rule = "{'Variable': '$.v', '" + operator + "': '" + literal + "'}";

    // when
    boolean result = evaluate(rule, "{'v': '" + variable + "'}");

    // then
    assertThat(result).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'2012-10-09T19:00:55'",
        "'2012-10-09 19:00:55Z'",
        "'2023-02-24 12:15:56.832957'",
        "'2012-10-09'",
        "'2012-13-09T19:00:55Z'",
        "'HelloWorld'",
        "null",
        "0",
        "true",
        "[]",
        "{}"
      })
  void shouldBeFalseWhenVariableIsNotATimestamp(String value) {
    // given
    String input = "{'v': " + value + "}";

    // when / then
    assertThat(evaluate("{'Variable': '$.v', 'TimestampEquals': '2012-10-09T19:00:55Z'}", input))
        .isFalse();
    assertThat(evaluate("{'Variable': '$.v', 'TimestampLessThan': '2999-01-01T00:00:00Z'}", input))
        .isFalse();
  }
}
