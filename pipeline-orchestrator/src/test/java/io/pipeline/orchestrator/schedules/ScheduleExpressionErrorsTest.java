package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refused expressions say which part is wrong, which text in it, and why. */
class ScheduleExpressionErrorsTest {

  @Test
  void shouldNameTheFieldTheTokenAndTheRuleWhenAValueIsOutOfRange() {
    assertThat(error("cron(0 25 * * ? *)").message())
        .isEqualTo(
            "Invalid schedule expression cron(0 25 * * ? *): Hours field '25': 25 is outside 0-23");
  }

  @Test
  void shouldSayOneDayFieldMustBeAQuestionMarkWhenBothNameDays() {
    assertThat(error("cron(0 10 * * MON *)").message())
        .isEqualTo(
            "Invalid schedule expression cron(0 10 * * MON *): Day-of-week field 'MON':"
                + " Day-of-month is '*', so Day-of-week must be '?': one of the two fields is '?'");
    assertThat(error("cron(0 10 * * * *)").field()).isEqualTo(ScheduleField.DAY_OF_WEEK);
    assertThat(error("cron(0 10 1 * L *)").field()).isEqualTo(ScheduleField.DAY_OF_WEEK);
  }

  @Test
  void shouldSayOneDayFieldMustNameTheDaysWhenBothAreQuestionMarks() {
    assertThat(error("cron(0 10 ? * ? *)").reason())
        .isEqualTo(
            "Day-of-month and Day-of-week are both '?'; one of them names the days, e.g."
                + " cron(0 10 * * ? *) or cron(0 10 ? * MON *)");
  }

  @Test
  void shouldCountTheFieldsWhenThereAreNotSix() {
    assertThat(error("cron(0 10 * * ?)").message())
        .isEqualTo(
            "Invalid schedule expression cron(0 10 * * ?): expression '0 10 * * ?': a cron"
                + " expression has 6 fields separated by spaces, minutes hours day-of-month month"
                + " day-of-week year; this one has 5");
    assertThat(error("cron(0 0 10 * * ? *)").reason()).endsWith("this one has 7");
    assertThat(error("cron()").reason()).endsWith("this one has 0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "cron(60 10 * * ? *)        | MINUTES      | 60       | 60 is outside 0-59",
        "cron(0 24 * * ? *)         | HOURS        | 24       | 24 is outside 0-23",
        "cron(0 10 32 * ? *)        | DAY_OF_MONTH | 32       | 32 is outside 1-31",
        "cron(0 10 0 * ? *)         | DAY_OF_MONTH | 0        | 0 is outside 1-31",
        "cron(0 10 * 13 ? *)        | MONTH        | 13       | 13 is outside 1-12 or JAN-DEC",
        "cron(0 10 * JANUARY ? *)   | MONTH        | JANUARY  | 'JANUARY' is not a value of this field: 1-12 or JAN-DEC",
        "cron(0 10 ? * 8 *)         | DAY_OF_WEEK  | 8        | 8 is outside 1-7 or SUN-SAT",
        "cron(0 10 ? * 0 *)         | DAY_OF_WEEK  | 0        | 0 is outside 1-7 or SUN-SAT",
        "cron(0 10 * * ? 1969)      | YEAR         | 1969     | 1969 is outside 1970-2199",
        "cron(0 10 * * ? 2200)      | YEAR         | 2200     | 2200 is outside 1970-2199",
        "cron(0 10 * * ? 2030-2025) | YEAR         | 2030-2025| a range of years goes forward, e.g. 2026-2030",
        "cron(5L 10 * * ? *)        | MINUTES      | 5L       | '5L' is not a value of this field: 0-59",
        "cron(0,,5 10 * * ? *)      | MINUTES      | 0,,5     | a list has a value between commas",
        "cron(0/0 10 * * ? *)       | MINUTES      | 0/0      | the step after '/' is from 1 to 59",
        "cron(0/x 10 * * ? *)       | MINUTES      | 0/x      | '/' is followed by a step, a whole number, e.g. 0/15",
        "cron(? 10 * * ? *)         | MINUTES      | ?        | '?' is not allowed here; the Minutes field allows , - * /",
        "cron(0 10 3#2 * ? *)       | DAY_OF_MONTH | 3#2      | '#' is not allowed here; the Day-of-month field allows , - * ? / L W",
        "cron(0 10 1? * ? *)        | DAY_OF_MONTH | 1?       | '?' stands alone: it means no particular day",
        "cron(0 10 ? * 1/2 *)       | DAY_OF_WEEK  | 1/2      | '/' is not allowed here; the Day-of-week field allows , - * ? L #",
        "cron(0 10 ? * 2#1,3#2 *)   | DAY_OF_WEEK  | 2#1,3#2  | a field with '#' holds one expression, e.g. 3#2 (the second Tuesday); 3#1,6#3 is two",
        "cron(0 10 ? * 2#6 *)       | DAY_OF_WEEK  | 2#6      | the number after '#' is from 1 to 5: a day comes at most five times in a month",
        "cron(0 10 ? * 2#0 *)       | DAY_OF_WEEK  | 2#0      | the number after '#' is from 1 to 5: a day comes at most five times in a month",
        "cron(0 10 ? * 9#1 *)       | DAY_OF_WEEK  | 9#1      | 9 is outside 1-7 or SUN-SAT",
        "cron(0 10 ? * #2 *)        | DAY_OF_WEEK  | #2       | '#' goes between a day of the week and its number in the month, e.g. 3#2 or TUE#2",
        "cron(0 10 32W * ? *)       | DAY_OF_MONTH | 32W      | 32 is outside 1-31",
        "cron(0 15 ? * 8L *)        | DAY_OF_WEEK  | 8L       | 8 is outside 1-7 or SUN-SAT",
      })
  void shouldRefuseTheTokenWhenAFieldBreaksAwsRules(
      String expression, ScheduleField field, String token, String reason) {
    ScheduleExpressionError error = error(expression);

    assertThat(error.field()).isEqualTo(field);
    assertThat(error.token()).isEqualTo(token);
    assertThat(error.reason()).isEqualTo(reason);
    assertThat(error.expression()).isEqualTo(expression);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "cron(0 10 L-3 * ? *) | DAY_OF_MONTH | L-3",
        "cron(0 10 1,L * ? *) | DAY_OF_MONTH | 1,L",
        "cron(0 10 1-5W * ? *)| DAY_OF_MONTH | 1-5W",
        "cron(0 10 W * ? *)   | DAY_OF_MONTH | W",
        "cron(0 10 ? * 6L,2 *)| DAY_OF_WEEK  | 6L,2",
        "cron(0 10 ? * L6 *)  | DAY_OF_WEEK  | L6",
      })
  void shouldExplainWhereLAndWMayStandWhenTheyAreMisplaced(
      String expression, ScheduleField field, String token) {
    ScheduleExpressionError error = error(expression);

    assertThat(error.field()).isEqualTo(field);
    assertThat(error.token()).isEqualTo(token);
    assertThat(error.reason()).startsWith("L stands alone");
  }

  @Test
  void shouldRefuseWhatIsNoScheduleExpressionAtAll() {
    assertThat(error("every 5 minutes").message())
        .isEqualTo(
            "Invalid schedule expression every 5 minutes: expression 'every 5 minutes': expected"
                + " rate(value unit), cron(minutes hours day-of-month month day-of-week year) or"
                + " at(yyyy-mm-ddThh:mm:ss)");
    assertThat(error("").field()).isEqualTo(ScheduleField.EXPRESSION);
    assertThat(error(null).field()).isEqualTo(ScheduleField.EXPRESSION);
    assertThat(error("CRON(0 10 * * ? *)").field()).isEqualTo(ScheduleField.EXPRESSION);
    assertThat(error("cron(0 10 * * ? *").field()).isEqualTo(ScheduleField.EXPRESSION);
    assertThat(error(" cron(0 10 * * ? *)").field()).isEqualTo(ScheduleField.EXPRESSION);
  }

  @Test
  void shouldRefuseATimeZoneThatIsNoIanaId() {
    ScheduleExpressionError error = error("cron(0 10 * * ? *)", "Mars/Olympus_Mons");

    assertThat(error.message())
        .isEqualTo(
            "Invalid schedule expression cron(0 10 * * ? *): time zone 'Mars/Olympus_Mons': not an"
                + " IANA time zone id, e.g. UTC or Europe/Berlin");
    assertThat(error("cron(0 10 * * ? *)", "+02:00").field()).isEqualTo(ScheduleField.TIME_ZONE);
    assertThat(error("rate(5 minutes)", null).token()).isEqualTo("null");
  }

  @Test
  void shouldThrowTheMessageWhenACallerInsistsOnAnInvalidExpression() {
    assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)").orElseThrow())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid schedule expression rate(0 minutes): rate value '0': the value is from 1 to"
                + " 2147483647");
  }
}
