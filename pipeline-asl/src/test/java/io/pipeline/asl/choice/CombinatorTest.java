package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.asl.error.StateFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombinatorTest {

  private static final String IN_TWENTIES =
      "{'And': [{'Variable': '$.value', 'NumericGreaterThanEquals': 20},"
          + " {'Variable': '$.value', 'NumericLessThan': 30}]}";

  @ParameterizedTest
  @CsvSource({"19, false", "20, true", "29.9, true", "30, false"})
  void shouldRequireEveryRuleWhenCombinedWithAnd(String value, boolean expected) {
    // when
    boolean result = evaluate(IN_TWENTIES, "{'value': " + value + "}");

    // then
    assertThat(result).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"red, true", "blue, true", "green, false"})
  void shouldRequireAnyRuleWhenCombinedWithOr(String colour, boolean expected) {
    // given
    String rule =
        "{'Or': [{'Variable': '$.c', 'StringEquals': 'red'},"
            + " {'Variable': '$.c', 'StringEquals': 'blue'}]}";

    // when
    boolean result = evaluate(rule, "{'c': '" + colour + "'}");

    // then
    assertThat(result).isEqualTo(expected);
  }

  @Test
  void shouldNegateWhenRuleIsWrappedInNot() {
    // given
    String rule = "{'Not': {'Variable': '$.type', 'StringEquals': 'Private'}}";

    // when / then
    assertThat(evaluate(rule, "{'type': 'Public'}")).isTrue();
    assertThat(evaluate(rule, "{'type': 'Private'}")).isFalse();
  }

  @Test
  void shouldEvaluateNestedCombinatorsWhenTheyAreDeep() {
    // given
    String rule =
        "{'Or': [{'Not': " + IN_TWENTIES + "}, {'Variable': '$.force', 'BooleanEquals': true}]}";

    // when / then
    assertThat(evaluate(rule, "{'value': 25, 'force': false}")).isFalse();
    assertThat(evaluate(rule, "{'value': 25, 'force': true}")).isTrue();
    assertThat(evaluate(rule, "{'value': 5}")).isTrue();
  }

  @Test
  void shouldStopAtTheFirstFalseRuleWhenEvaluatingAnd() {
    // given: the second rule would fail on its missing path
    String rule =
        "{'And': [{'Variable': '$.x', 'IsPresent': true},"
            + " {'Variable': '$.x', 'NumericEquals': 1}]}";

    // when
    boolean result = evaluate(rule, "{}");

    // then
    assertThat(result).isFalse();
  }

  @Test
  void shouldStopAtTheFirstTrueRuleWhenEvaluatingOr() {
    // given: the second rule would fail on its missing path
    String rule =
        "{'Or': [{'Variable': '$.x', 'IsPresent': false},"
            + " {'Variable': '$.x', 'NumericEquals': 1}]}";

    // when
    boolean result = evaluate(rule, "{}");

    // then
    assertThat(result).isTrue();
  }

  @Test
  void shouldPropagateTheFailureWhenANestedRulePathNamesNothing() {
    // given
    String rule = "{'Not': {'Variable': '$.missing', 'StringEquals': 'x'}}";

    // when
    StateFailure failure = catchThrowableOfType(StateFailure.class, () -> evaluate(rule, "{}"));

    // then
    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause()).startsWith("Invalid path '$.missing'");
  }
}
