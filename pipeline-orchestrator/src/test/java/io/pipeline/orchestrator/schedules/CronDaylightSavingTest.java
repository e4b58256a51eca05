package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.expression;
import static io.pipeline.orchestrator.schedules.Fires.local;
import static io.pipeline.orchestrator.schedules.Fires.nextLocal;
import static io.pipeline.orchestrator.schedules.Fires.utc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Clock changes, as EventBridge Scheduler handles them: a time the clocks skip does not fire that
 * day; a time they repeat fires once. Europe/Berlin jumps from 02:00 to 03:00 on 2026-03-29 and
 * goes back from 03:00 to 02:00 on 2026-10-25.
 */
class CronDaylightSavingTest {

  private static final String BERLIN = "Europe/Berlin";

  @Test
  void shouldKeepTheWallClockTimeWhenTheOffsetChanges() {
    ScheduleExpression nineAm = expression("cron(0 9 * * ? *)", BERLIN);

    assertThat(nextLocal(nineAm, utc("2026-03-28T00:00:00Z"), 2, BERLIN))
        .containsExactly("2026-03-28T09:00+01:00", "2026-03-29T09:00+02:00");
    assertThat(nextLocal(nineAm, utc("2026-10-24T00:00:00Z"), 2, BERLIN))
        .containsExactly("2026-10-24T09:00+02:00", "2026-10-25T09:00+01:00");
  }

  @Test
  void shouldSkipTheDayWhenTheTimeDoesNotExistInSpring() {
    ScheduleExpression halfPastTwo = expression("cron(30 2 * * ? *)", BERLIN);

    assertThat(nextLocal(halfPastTwo, utc("2026-03-27T12:00:00Z"), 2, BERLIN))
        .containsExactly("2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00");
  }

  @Test
  void shouldSkipTheMissingHourWhenAFrequentScheduleCrossesItInSpring() {
    ScheduleExpression everyHalfHour = expression("cron(0/30 * * * ? *)", BERLIN);

    assertThat(nextLocal(everyHalfHour, local("2026-03-29T01:00", BERLIN), 3, BERLIN))
        .containsExactly(
            "2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00");
  }

  @Test
  void shouldRunOnceWhenTheTimeExistsTwiceInAutumn() {
    ScheduleExpression halfPastTwo = expression("cron(30 2 * * ? *)", BERLIN);

    assertThat(nextLocal(halfPastTwo, utc("2026-10-24T12:00:00Z"), 2, BERLIN))
        .containsExactly("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
  }

  @Test
  void shouldRunTheRepeatedHourOnceWhenAFrequentScheduleCrossesItInAutumn() {
    ScheduleExpression everyHalfHour = expression("cron(0/30 * * * ? *)", BERLIN);

    assertThat(nextLocal(everyHalfHour, local("2026-10-25T01:00", BERLIN), 4, BERLIN))
        .containsExactly(
            "2026-10-25T01:30+02:00",
            "2026-10-25T02:00+02:00",
            "2026-10-25T02:30+02:00",
            "2026-10-25T03:00+01:00");
  }

  @Test
  void shouldNotRepeatATimeWhenAskedDuringTheSecondPassOfTheRepeatedHour() {
    ScheduleExpression everyHalfHour = expression("cron(0/30 * * * ? *)", BERLIN);

    // 01:15 UTC is 02:15 winter time, the second time the clocks show 02:15.
    assertThat(nextLocal(everyHalfHour, utc("2026-10-25T01:15:00Z"), 1, BERLIN))
        .containsExactly("2026-10-25T03:00+01:00");
  }

  @Test
  void shouldSkipTheDayInNewYorkWhenTheTimeFallsInItsSpringGap() {
    // New York jumps from 02:00 to 03:00 on Sunday 2026-03-08.
    ScheduleExpression sundays = expression("cron(30 2 ? * SUN *)", "America/New_York");

    assertThat(nextLocal(sundays, utc("2026-03-02T00:00:00Z"), 2, "America/New_York"))
        .containsExactly("2026-03-15T02:30-04:00", "2026-03-22T02:30-04:00");
  }

  @Test
  void shouldSkipOnlyTheMissingHalfHourWhenTheZoneShiftsByThirtyMinutes() {
    // Lord Howe Island goes from 02:00 to 02:30 on 2026-10-04.
    ScheduleExpression quarterPastTwo = expression("cron(15,45 2 * * ? *)", "Australia/Lord_Howe");

    assertThat(
            nextLocal(
                quarterPastTwo,
                local("2026-10-04T00:00", "Australia/Lord_Howe"),
                2,
                "Australia/Lord_Howe"))
        .containsExactly("2026-10-04T02:45+11:00", "2026-10-05T02:15+11:00");
  }
}
