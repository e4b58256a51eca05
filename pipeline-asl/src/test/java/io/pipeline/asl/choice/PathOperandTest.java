package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static io.pipeline.asl.choice.ChoiceJson.json;
import static io.pipeline.asl.choice.ChoiceJson.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.asl.error.StateFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathOperandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "StringEqualsPath               | 'Hello'                | 'Hello'                | true",
        "StringEqualsPath               | ' '                    | '     '                | false",
        "StringLessThanPath             | 'A'                    | 'AB'                   | true",
        "StringGreaterThanPath          | 'A'                    | 'A\\t\\n'             | false",
        "StringLessThanEqualsPath       | 'AB'                   | 'A'                    | false",
        "StringGreaterThanEqualsPath    | 'AB'                   | 'A'                    | true",
        "NumericEqualsPath              | 1                      | 1.0                    | true",
        "NumericLessThanPath            | 0                      | 1                      | true",
        "NumericGreaterThanPath         | 1                      | 0                      | true",
        "NumericLessThanEqualsPath      | 1                      | 0                      | false",
        "NumericGreaterThanEqualsPath   | 0.0                    | 0                      | true",
        "BooleanEqualsPath              | false                  | false                  | true",
        "BooleanEqualsPath              | true                   | false                  | false",
        "TimestampEqualsPath            | '2012-10-09T19:00:55Z' | '2012-10-09T19:00:55Z' | true",
        "TimestampLessThanPath          | '2012-10-09T19:00:56Z' | '2012-10-09T19:00:55Z' | false",
        "TimestampGreaterThanPath       | '2012-10-09T19:00:56Z' | '2012-10-09T19:00:55Z' | true",
        "TimestampLessThanEqualsPath    | '2012-10-09T19:00:55Z' | '2012-10-09T19:00:55Z' | true",
        "TimestampGreaterThanEqualsPath | '2012-10-09T19:00:55Z' | '2012-10-09T19:00:56Z' | false"
      })
  void shouldCompareWithTheValueAtThePathWhenOperatorHasPathForm(
      String operator, String variable, String value, boolean expected) {
    // given
    String rule = "{'Variable': '$.Variable', '" + operator + "': '$.Value'}";

    // when
    boolean result = evaluate(rule, "{'Variable': " + variable + ", 'Value': " + value + "}");

    // then
    assertThat(result).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "NumericEqualsPath       | 1                      | '1'",
        "StringEqualsPath        | 1                      | 1",
        "StringGreaterThanPath   | 'b'                    | 1",
        "NumericLessThanPath     | 0                      | null",
        "BooleanEqualsPath       | true                   | 'true'",
        "TimestampEqualsPath     | '2012-10-09T19:00:55Z' | '2012-10-09T19:00:55'"
      })
  void shouldBeFalseWhenTheValueAtThePathIsOfTheWrongType(
      String operator, String variable, String value) {
    // given
    String rule = "{'Variable': '$.Variable', '" + operator + "': '$.Value'}";

    // when
    boolean result = evaluate(rule, "{'Variable': " + variable + ", 'Value': " + value + "}");

    // then
    assertThat(result).isFalse();
  }

  @Test
  void shouldFailNamingTheOperandPathWhenItNamesNothing() {
    // given
    String rule = "{'Variable': '$.num', 'NumericEqualsPath': '$.missing'}";

    // when
    StateFailure failure =
        catchThrowableOfType(StateFailure.class, () -> evaluate(rule, "{'num': 1}"));

    // then
    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .isEqualTo(
            "Invalid path '$.missing': The choice state's condition path references an invalid"
                + " value.");
  }

  @Test
  void shouldReadTheContextObjectWhenPathsStartWithTwoDollars() {
    // given
    ChoiceRule rule =
        rule(
            "{'Variable': '$$.Execution.Input.limit', 'NumericGreaterThanPath': '$$.Map.Item.Value'}");
    var context = json("{'Execution': {'Input': {'limit': 5}}, 'Map': {'Item': {'Value': 3}}}");

    // when
    boolean result = ChoiceRules.evaluate(rule, json("{'limit': 0}"), context);

    // then
    assertThat(result).isTrue();
  }
}
