package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.asl.error.StateFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeTestTest {

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "IsNull      | null                   | true",
        "IsNull      | 0                      | false",
        "IsNull      | ''                     | false",
        "IsNull      | []                     | false",
        "IsNull      | false                  | false",
        "IsNumeric   | 0                      | true",
        "IsNumeric   | 1.1                    | true",
        "IsNumeric   | '1'                    | false",
        "IsNumeric   | null                   | false",
        "IsNumeric   | true                   | false",
        "IsString    | ''                     | true",
        "IsString    | '2012-10-09T19:00:55Z' | true",
        "IsString    | ['']                   | false",
        "IsString    | null                   | false",
        "IsBoolean   | true                   | true",
        "IsBoolean   | false                  | true",
        "IsBoolean   | 0                      | false",
        "IsBoolean   | 'true'                 | false",
        "IsTimestamp | '2012-10-09T19:00:55Z' | true",
        "IsTimestamp | '2012-10-09T19:00:55.123456789+01:00' | true",
        "IsTimestamp | '2012-10-09T19:00:55'  | false",
        "IsTimestamp | '2023-02-24'           | false",
        "IsTimestamp | 0                      | false",
        "IsPresent   | null                   | true",
        "IsPresent   | false                  | true",
        "IsPresent   | {}                     | true"
      })
  void shouldTestTheTypeWhenVariableIsPresent(String check, String value, boolean outcome) {
    // given
    String input = "{'v': " + value + "}";

    // when
    boolean whenTrue = evaluate("{'Variable': '$.v', '" + check + "': true}", input);
    boolean whenFalse = evaluate("{'Variable': '$.v', '" + check + "': false}", input);

    // then
    assertThat(whenTrue).isEqualTo(outcome);
    assertThat(whenFalse).isEqualTo(!outcome);
  }

  @Test
  void shouldReportAbsenceWhenIsPresentPathNamesNothing() {
    // given
    String input = "{'v': 1}";

    // when / then
    assertThat(evaluate("{'Variable': '$.missing', 'IsPresent': true}", input)).isFalse();
    assertThat(evaluate("{'Variable': '$.missing', 'IsPresent': false}", input)).isTrue();
    assertThat(evaluate("{'Variable': '$.v.deeper', 'IsPresent': true}", input)).isFalse();
  }

  @Test
  void shouldFailWhenOtherTypeTestPathNamesNothing() {
    // given
    String rule = "{'Variable': '$.missing', 'IsNull': true}";

    // when
    StateFailure failure = catchThrowableOfType(StateFailure.class, () -> evaluate(rule, "{}"));

    // then
    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .isEqualTo(
            "Invalid path '$.missing': The choice state's condition path references an invalid"
                + " value.");
  }
}
