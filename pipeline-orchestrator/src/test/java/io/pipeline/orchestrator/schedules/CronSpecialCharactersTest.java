package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.expression;
import static io.pipeline.orchestrator.schedules.Fires.next;
import static io.pipeline.orchestrator.schedules.Fires.utc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each of AWS's cron wildcards, and the Quartz forms AWS's reference leaves unsaid. */
class CronSpecialCharactersTest {

  @Test
  void shouldRunAtEachListedValueWhenAFieldHasCommas() {
    assertThat(next(expression("cron(0,30 9,17 * * ? *)"), utc("2026-03-01T00:00:00Z"), 5))
        .containsExactly(
            "2026-03-01T09:00:00Z",
            "2026-03-01T09:30:00Z",
            "2026-03-01T17:00:00Z",
            "2026-03-01T17:30:00Z",
            "2026-03-02T09:00:00Z");
  }

  @Test
  void shouldCombineValuesRangesAndStepsWhenAListMixesThem() {
    assertThat(next(expression("cron(5,10-12,40/10 0 * * ? *)"), utc("2026-03-01T00:00:00Z"), 7))
        .containsExactly(
            "2026-03-01T00:05:00Z",
            "2026-03-01T00:10:00Z",
            "2026-03-01T00:11:00Z",
            "2026-03-01T00:12:00Z",
            "2026-03-01T00:40:00Z",
            "2026-03-01T00:50:00Z",
            "2026-03-02T00:05:00Z");
  }

  @Test
  void shouldStepFromTheFieldsFirstValueWhenTheStepFollowsAnAsterisk() {
    assertThat(next(expression("cron(*/20 * * * ? *)"), utc("2026-03-01T00:00:00Z"), 3))
        .containsExactly("2026-03-01T00:20:00Z", "2026-03-01T00:40:00Z", "2026-03-01T01:00:00Z");
  }

  @Test
  void shouldStepWithinARangeWhenTheStepFollowsARange() {
    assertThat(next(expression("cron(10-30/10 6 * * ? *)"), utc("2026-03-01T00:00:00Z"), 4))
        .containsExactly(
            "2026-03-01T06:10:00Z",
            "2026-03-01T06:20:00Z",
            "2026-03-01T06:30:00Z",
            "2026-03-02T06:10:00Z");
  }

  @Test
  void shouldStepThroughDaysMonthsAndYearsWhenThoseFieldsHaveSteps() {
    assertThat(next(expression("cron(0 0 1/10 * ? *)"), utc("2026-03-01T00:00:00Z"), 4))
        .containsExactly(
            "2026-03-11T00:00:00Z",
            "2026-03-21T00:00:00Z",
            "2026-03-31T00:00:00Z",
            "2026-04-01T00:00:00Z");
    assertThat(next(expression("cron(0 0 1 1/3 ? *)"), utc("2026-01-01T00:00:00Z"), 4))
        .containsExactly(
            "2026-04-01T00:00:00Z",
            "2026-07-01T00:00:00Z",
            "2026-10-01T00:00:00Z",
            "2027-01-01T00:00:00Z");
    assertThat(next(expression("cron(0 0 1 1 ? 2026/2)"), utc("2025-06-01T00:00:00Z"), 3))
        .containsExactly("2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
  }

  @Test
  void shouldCountDayOneAsSundayWhenTheDayOfWeekIsANumber() {
    // 2026-03-08 is a Sunday, 2026-03-14 a Saturday.
    assertThat(next(expression("cron(0 0 ? * 1 *)"), utc("2026-03-02T00:00:00Z"), 1))
        .containsExactly("2026-03-08T00:00:00Z");
    assertThat(next(expression("cron(0 0 ? * 7 *)"), utc("2026-03-08T00:00:00Z"), 1))
        .containsExactly("2026-03-14T00:00:00Z");
    assertThat(next(expression("cron(0 0 ? * 2-6 *)"), utc("2026-03-06T00:00:00Z"), 2))
        .containsExactly("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z");
  }

  @Test
  void shouldReadNamesInAnyCaseWhenMonthsAndDaysAreNamed() {
    assertThat(next(expression("cron(0 18 ? jan-feb mon-fri *)"), utc("2026-03-06T00:00:00Z"), 1))
        .containsExactly("2027-01-01T18:00:00Z");
  }

  @Test
  void shouldWrapAroundWhenARangeEndsBelowItsStart() {
    assertThat(next(expression("cron(0 22-1 * * ? *)"), utc("2026-03-01T12:00:00Z"), 5))
        .containsExactly(
            "2026-03-01T22:00:00Z",
            "2026-03-01T23:00:00Z",
            "2026-03-02T00:00:00Z",
            "2026-03-02T01:00:00Z",
            "2026-03-02T22:00:00Z");
    // 2026-03-06 is a Friday.
    assertThat(next(expression("cron(0 12 ? * FRI-MON *)"), utc("2026-03-05T00:00:00Z"), 5))
        .containsExactly(
            "2026-03-06T12:00:00Z",
            "2026-03-07T12:00:00Z",
            "2026-03-08T12:00:00Z",
            "2026-03-09T12:00:00Z",
            "2026-03-13T12:00:00Z");
  }

  @Test
  void shouldRunOnTheLastDayOfEachMonthWhenTheDayOfMonthIsL() {
    assertThat(next(expression("cron(0 0 L * ? *)"), utc("2026-01-15T00:00:00Z"), 4))
        .containsExactly(
            "2026-01-31T00:00:00Z",
            "2026-02-28T00:00:00Z",
            "2026-03-31T00:00:00Z",
            "2026-04-30T00:00:00Z");
  }

  @Test
  void shouldRunOnSaturdaysWhenTheDayOfWeekIsL() {
    // L alone is the last day of the week, 7 = Saturday, as in Quartz.
    assertThat(next(expression("cron(0 0 ? * L *)"), utc("2026-03-01T00:00:00Z"), 2))
        .containsExactly("2026-03-07T00:00:00Z", "2026-03-14T00:00:00Z");
  }

  @Test
  void shouldRunOnTheLastFridayOfTheMonthWhenTheDayOfWeekIsSixL() {
    assertThat(next(expression("cron(0 0 ? * 6L *)"), utc("2026-03-01T00:00:00Z"), 3))
        .containsExactly("2026-03-27T00:00:00Z", "2026-04-24T00:00:00Z", "2026-05-29T00:00:00Z");
    assertThat(next(expression("cron(0 0 ? * FRIL *)"), utc("2026-03-01T00:00:00Z"), 1))
        .containsExactly("2026-03-27T00:00:00Z");
  }

  @Test
  void shouldRunOnTheLastWeekdayOfTheMonthWhenTheDayOfMonthIsLW() {
    // 2026-01-31 is a Saturday, 2026-05-31 a Sunday.
    assertThat(next(expression("cron(0 0 LW * ? *)"), utc("2026-01-01T00:00:00Z"), 5))
        .containsExactly(
            "2026-01-30T00:00:00Z",
            "2026-02-27T00:00:00Z",
            "2026-03-31T00:00:00Z",
            "2026-04-30T00:00:00Z",
            "2026-05-29T00:00:00Z");
  }

  @Test
  void shouldStayInTheMonthWhenTheNearestWeekdayWouldLeaveIt() {
    // 2026-08-01 is a Saturday: Monday the 3rd, not Friday July 31st.
    assertThat(next(expression("cron(0 0 1W * ? *)"), utc("2026-07-02T00:00:00Z"), 1))
        .containsExactly("2026-08-03T00:00:00Z");
    // 2026-05-31 is a Sunday: Friday the 29th; months without a 31st are left out.
    assertThat(next(expression("cron(0 0 31W * ? *)"), utc("2026-05-01T00:00:00Z"), 4))
        .containsExactly(
            "2026-05-29T00:00:00Z",
            "2026-07-31T00:00:00Z",
            "2026-08-31T00:00:00Z",
            "2026-10-30T00:00:00Z");
  }

  @Test
  void shouldRunOnTheNthDayOfTheWeekWhenTheDayOfWeekHasAHash() {
    // Months of 2026 with five Fridays: January, May, July, October.
    assertThat(next(expression("cron(0 0 ? * FRI#5 *)"), utc("2026-01-01T00:00:00Z"), 4))
        .containsExactly(
            "2026-01-30T00:00:00Z",
            "2026-05-29T00:00:00Z",
            "2026-07-31T00:00:00Z",
            "2026-10-30T00:00:00Z");
    assertThat(next(expression("cron(0 0 ? * 3#2 *)"), utc("2026-03-01T00:00:00Z"), 1))
        .containsExactly("2026-03-10T00:00:00Z");
  }

  @Test
  void shouldIgnoreTheDayOfWeekWhenItIsAQuestionMark() {
    assertThat(next(expression("cron(0 0 13 * ? *)"), utc("2026-03-01T00:00:00Z"), 2))
        .containsExactly("2026-03-13T00:00:00Z", "2026-04-13T00:00:00Z");
  }
}
