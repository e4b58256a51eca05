package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.error;
import static io.pipeline.orchestrator.schedules.Fires.expression;
import static io.pipeline.orchestrator.schedules.Fires.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateExpressionTest {

  @ParameterizedTest
  @CsvSource({
    "rate(1 minute), 1, MINUTES, PT1M",
    "rate(5 minutes), 5, MINUTES, PT5M",
    "rate(1 hour), 1, HOURS, PT1H",
    "rate(12 hours), 12, HOURS, PT12H",
    "rate(1 day), 1, DAYS, PT24H",
    "rate(7 days), 7, DAYS, PT168H"
  })
  void shouldReadValueAndUnitWhenTheRateIsWellFormed(
      String text, int value, RateUnit unit, Duration period) {
    ScheduleExpression parsed = expression(text);

    assertThat(parsed).isEqualTo(new RateExpression(value, unit));
    assertThat(((RateExpression) parsed).period()).isEqualTo(period);
    assertThat(parsed.text()).isEqualTo(text);
  }

  @Test
  void shouldAcceptSpacesInsideTheParenthesesWhenTheyOnlySeparate() {
    assertThat(expression("rate( 5   minutes )"))
        .isEqualTo(new RateExpression(5, RateUnit.MINUTES));
    assertThat(expression("cron( 0  10 * * ? * )").nextFireTime(utc("2026-03-01T00:00:00Z")))
        .contains(utc("2026-03-01T10:00:00Z"));
    assertThat(expression("at( 2026-03-01T08:30:00 )").text()).isEqualTo("at(2026-03-01T08:30:00)");
  }

  @Test
  void shouldFireOnePeriodAfterThePreviousFireTimeWhenAskedWithoutAStart() {
    ScheduleExpression rate = expression("rate(15 minutes)");

    assertThat(rate.nextFireTime(utc("2026-01-31T23:50:00Z")))
        .contains(utc("2026-02-01T00:05:00Z"));
  }

  @Test
  void shouldCountADayAsTwentyFourHoursWhenTheClocksChangeInTheZone() {
    ScheduleExpression rate = expression("rate(1 day)", "Europe/Berlin");

    // 2026-03-29 has 23 hours in Berlin; the rate does not care.
    assertThat(rate.nextFireTime(utc("2026-03-28T09:00:00Z")))
        .contains(utc("2026-03-29T09:00:00Z"));
  }

  @Test
  void shouldRefuseAPluralUnitWhenTheValueIsOne() {
    assertThat(error("rate(1 minutes)").message())
        .isEqualTo(
            "Invalid schedule expression rate(1 minutes): rate unit 'minutes': a value of 1 takes"
                + " the singular unit 'minute'");
    assertThat(error("rate(1 hours)").field()).isEqualTo(ScheduleField.RATE_UNIT);
  }

  @Test
  void shouldRefuseASingularUnitWhenTheValueIsAboveOne() {
    assertThat(error("rate(5 hour)").message())
        .isEqualTo(
            "Invalid schedule expression rate(5 hour): rate unit 'hour': a value above 1 takes the"
                + " plural unit 'hours'");
  }

  @Test
  void shouldRefuseAValueThatIsNotAPositiveWholeNumber() {
    assertThat(error("rate(0 minutes)").reason()).isEqualTo("the value is from 1 to 2147483647");
    assertThat(error("rate(-5 minutes)").reason())
        .isEqualTo("the value is a positive whole number");
    assertThat(error("rate(1.5 hours)").token()).isEqualTo("1.5");
    assertThat(error("rate(99999999999 minutes)").field()).isEqualTo(ScheduleField.RATE_VALUE);
  }

  @Test
  void shouldRefuseUnitsAwsDoesNotHave() {
    ScheduleExpressionError weeks = error("rate(2 weeks)");

    assertThat(weeks.field()).isEqualTo(ScheduleField.RATE_UNIT);
    assertThat(weeks.token()).isEqualTo("weeks");
    assertThat(weeks.reason())
        .isEqualTo("the unit is one of minute, minutes, hour, hours, day, days");
    assertThat(error("rate(30 seconds)").token()).isEqualTo("seconds");
    assertThat(error("rate(5 Minutes)").token()).isEqualTo("Minutes");
  }

  @Test
  void shouldRefuseARateWithoutExactlyAValueAndAUnit() {
    assertThat(error("rate(5)").message())
        .isEqualTo(
            "Invalid schedule expression rate(5): expression 'rate(5)': a rate expression is"
                + " rate(value unit), e.g. rate(5 minutes)");
    assertThat(error("rate(5 minutes now)").field()).isEqualTo(ScheduleField.EXPRESSION);
    assertThat(error("rate()").field()).isEqualTo(ScheduleField.EXPRESSION);
  }
}
