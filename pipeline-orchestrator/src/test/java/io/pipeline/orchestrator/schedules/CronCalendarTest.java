package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.expression;
import static io.pipeline.orchestrator.schedules.Fires.next;
import static io.pipeline.orchestrator.schedules.Fires.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Month ends, leap years and the years AWS allows (1970-2199). */
class CronCalendarTest {

  @Test
  void shouldSkipMonthsWithoutTheDayWhenTheDayIsThirtyOne() {
    assertThat(next(expression("cron(0 0 31 * ? *)"), utc("2026-01-31T00:00:00Z"), 4))
        .containsExactly(
            "2026-03-31T00:00:00Z",
            "2026-05-31T00:00:00Z",
            "2026-07-31T00:00:00Z",
            "2026-08-31T00:00:00Z");
  }

  @Test
  void shouldRollOverIntoTheNextYearWhenTheLastFireTimeIsOnNewYearsEve() {
    assertThat(next(expression("cron(30 23 L * ? *)"), utc("2026-12-31T23:30:00Z"), 1))
        .containsExactly("2027-01-31T23:30:00Z");
    assertThat(next(expression("cron(0/15 * * * ? *)"), utc("2026-12-31T23:50:00Z"), 1))
        .containsExactly("2027-01-01T00:00:00Z");
  }

  @Test
  void shouldRunOnlyInLeapYearsWhenTheDayIsFebruaryTwentyNinth() {
    assertThat(next(expression("cron(0 12 29 2 ? *)"), utc("2025-01-01T00:00:00Z"), 2))
        .containsExactly("2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z");
  }

  @Test
  void shouldSkipTheYearTwentyOneHundredWhichIsNoLeapYear() {
    assertThat(next(expression("cron(0 12 29 2 ? *)"), utc("2096-03-01T00:00:00Z"), 1))
        .containsExactly("2104-02-29T12:00:00Z");
  }

  @Test
  void shouldFindTheLastDayOfFebruaryInLeapAndCommonYears() {
    assertThat(next(expression("cron(0 0 L 2 ? *)"), utc("2027-03-01T00:00:00Z"), 2))
        .containsExactly("2028-02-29T00:00:00Z", "2029-02-28T00:00:00Z");
  }

  @Test
  void shouldNeverFireWhenTheDayNeverComes() {
    ScheduleExpression february30 = expression("cron(0 0 30 2 ? *)");

    assertThat(february30.nextFireTime(utc("2026-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void shouldStopAfterTheLastListedYearWhenTheYearsAreBounded() {
    ScheduleExpression once = expression("cron(0 0 1 1 ? 2030)");

    assertThat(next(once, utc("2026-03-01T00:00:00Z"), 3)).containsExactly("2030-01-01T00:00:00Z");
    assertThat(next(expression("cron(0 12 ? * MON 2026-2027)"), utc("2027-12-20T12:00:00Z"), 3))
        .containsExactly("2027-12-27T12:00:00Z");
    assertThat(next(expression("cron(0 0 1 1 ? 2027,2025)"), utc("2024-06-01T00:00:00Z"), 3))
        .containsExactly("2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
  }

  @Test
  void shouldStopAtTheEndOf2199WhenTheYearIsAnyYear() {
    ScheduleExpression lastMinute = expression("cron(59 23 31 12 ? *)");

    assertThat(next(lastMinute, utc("2199-06-01T00:00:00Z"), 2))
        .containsExactly("2199-12-31T23:59:00Z");
    assertThat(lastMinute.nextFireTime(Instant.MAX)).isEmpty();
  }

  @Test
  void shouldStartIn1970WhenAskedAboutAnEarlierTime() {
    assertThat(next(expression("cron(0 0 1 1 ? *)"), utc("1950-01-01T00:00:00Z"), 1))
        .containsExactly("1970-01-01T00:00:00Z");
    assertThat(expression("cron(0 0 1 1 ? *)").nextFireTime(Instant.MIN))
        .contains(utc("1970-01-01T00:00:00Z"));
  }

  @Test
  void shouldFireStrictlyAfterTheGivenTimeWhenItFallsWithinAMinute() {
    ScheduleExpression everyMinute = expression("cron(* * * * ? *)");

    assertThat(everyMinute.nextFireTime(utc("2026-03-01T10:00:00Z")))
        .contains(utc("2026-03-01T10:01:00Z"));
    assertThat(everyMinute.nextFireTime(utc("2026-03-01T09:59:59.999Z")))
        .contains(utc("2026-03-01T10:00:00Z"));
  }
}
