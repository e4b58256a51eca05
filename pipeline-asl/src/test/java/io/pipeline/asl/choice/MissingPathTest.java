package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static io.pipeline.asl.choice.ChoiceJson.json;
import static io.pipeline.asl.choice.ChoiceJson.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.asl.error.StateFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MissingPathTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'StringEquals': 'a'",
        "'StringMatches': '*'",
        "'NumericEquals': 1",
        "'BooleanEquals': true",
        "'TimestampEquals': '2012-10-09T19:00:55Z'",
        "'IsNull': false",
        "'IsString': false",
        "'IsNumeric': false",
        "'IsBoolean': false",
        "'IsTimestamp': false"
      })
  void shouldFailWithStatesRuntimeWhenVariableNamesNothing(String operator) {
    // given
    String rule = "{'Variable': '$.result.status', " + operator + "}";

    // when
    StateFailure failure =
        catchThrowableOfType(StateFailure.class, () -> evaluate(rule, "{'result': {}}"));

    // then
    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .isEqualTo(
            "Invalid path '$.result.status': The choice state's condition path references an"
                + " invalid value.");
  }

  @Test
  void shouldFailWhenPathGoesThroughAValueThatIsNotAnObject() {
    // given
    String rule = "{'Variable': '$.name.first', 'StringEquals': 'Ada'}";

    // when
    StateFailure failure =
        catchThrowableOfType(StateFailure.class, () -> evaluate(rule, "{'name': 'Ada'}"));

    // then
    assertThat(failure.cause()).startsWith("Invalid path '$.name.first'");
  }

  @Test
  void shouldFailWhenContextObjectPathNamesNothing() {
    // given
    ChoiceRule rule = rule("{'Variable': '$$.Execution.Input.flag', 'BooleanEquals': true}");

    // when
    StateFailure failure =
        catchThrowableOfType(
            StateFailure.class,
            () -> ChoiceRules.evaluate(rule, json("{'flag': true}"), json("{'Execution': {}}")));

    // then
    assertThat(failure.cause()).startsWith("Invalid path '$$.Execution.Input.flag'");
  }

  @Test
  void shouldNotFailWhenVariableIsPresentButNull() {
    // given
    String rule = "{'Variable': '$.v', 'StringEquals': 'a'}";

    // when
    boolean result = evaluate(rule, "{'v': null}");

    // then
    assertThat(result).isFalse();
  }
}
