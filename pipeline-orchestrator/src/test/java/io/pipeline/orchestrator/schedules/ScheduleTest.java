package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.expression;
import static io.pipeline.orchestrator.schedules.Fires.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Start and end dates, as EventBridge Scheduler's StartDate and EndDate bound a schedule. */
class ScheduleTest {

  @Test
  void shouldFireOnTheStartDateWhenTheCronExpressionFallsOnIt() {
    Schedule daily =
        Schedule.of(expression("cron(0 10 * * ? *)")).withStartDate(utc("2026-03-05T10:00:00Z"));

    assertThat(daily.nextFireTime(utc("2026-03-01T00:00:00Z")))
        .contains(utc("2026-03-05T10:00:00Z"));
    assertThat(daily.nextFireTime(utc("2026-03-05T10:00:00Z")))
        .contains(utc("2026-03-06T10:00:00Z"));
  }

  @Test
  void shouldFireOnTheEndDateAndNoMoreAfterIt() {
    Schedule daily =
        Schedule.of(expression("cron(0 10 * * ? *)")).withEndDate(utc("2026-03-07T10:00:00Z"));

    assertThat(daily.nextFireTime(utc("2026-03-06T10:00:00Z")))
        .contains(utc("2026-03-07T10:00:00Z"));
    assertThat(daily.nextFireTime(utc("2026-03-07T10:00:00Z"))).isEmpty();
  }

  @Test
  void shouldCountRatePeriodsFromTheStartDateWhateverInstantIsAsked() {
    Schedule everyFive =
        Schedule.of(expression("rate(5 minutes)")).withStartDate(utc("2026-03-01T00:00:07Z"));

    assertThat(everyFive.nextFireTime(utc("2026-02-01T00:00:00Z")))
        .contains(utc("2026-03-01T00:00:07Z"));
    assertThat(everyFive.nextFireTime(utc("2026-03-01T00:00:07Z")))
        .contains(utc("2026-03-01T00:05:07Z"));
    assertThat(everyFive.nextFireTime(utc("2026-03-01T00:12:00Z")))
        .contains(utc("2026-03-01T00:15:07Z"));
  }

  @Test
  void shouldFireOnePeriodLaterWhenARateHasNoStartDate() {
    Schedule hourly = Schedule.of(expression("rate(1 hour)"));

    assertThat(hourly.nextFireTime(utc("2026-03-01T00:00:07Z")))
        .contains(utc("2026-03-01T01:00:07Z"));
  }

  @Test
  void shouldStopARateAtItsEndDate() {
    Schedule hourly =
        Schedule.of(expression("rate(1 hour)"))
            .withStartDate(utc("2026-03-01T00:00:00Z"))
            .withEndDate(utc("2026-03-01T02:30:00Z"));

    assertThat(hourly.nextFireTime(utc("2026-03-01T01:00:00Z")))
        .contains(utc("2026-03-01T02:00:00Z"));
    assertThat(hourly.nextFireTime(utc("2026-03-01T02:00:00Z"))).isEmpty();
  }

  @Test
  void shouldIgnoreStartAndEndDatesWhenTheScheduleIsOneTime() {
    Schedule once =
        Schedule.of(expression("at(2026-03-01T08:00:00)"))
            .withStartDate(utc("2026-04-01T00:00:00Z"))
            .withEndDate(utc("2026-05-01T00:00:00Z"));

    assertThat(once.nextFireTime(utc("2026-02-01T00:00:00Z")))
        .contains(utc("2026-03-01T08:00:00Z"));
  }

  @Test
  void shouldRefuseAnEndDateBeforeTheStartDate() {
    Schedule daily = Schedule.of(expression("cron(0 10 * * ? *)"));

    assertThatThrownBy(
            () ->
                daily
                    .withStartDate(utc("2026-03-02T00:00:00Z"))
                    .withEndDate(utc("2026-03-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is before its start");
  }
}
