package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.expression;
import static io.pipeline.orchestrator.schedules.Fires.next;
import static io.pipeline.orchestrator.schedules.Fires.utc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The examples of AWS's EventBridge cron reference, in UTC as AWS states them. */
class CronAwsExamplesTest {

  @Test
  void shouldRunAtTenEveryDayWhenTheExpressionIsZeroTenEveryDay() {
    assertThat(next(expression("cron(0 10 * * ? *)"), utc("2026-01-31T10:00:00Z"), 3))
        .containsExactly("2026-02-01T10:00:00Z", "2026-02-02T10:00:00Z", "2026-02-03T10:00:00Z");
  }

  @Test
  void shouldRunAtTwelveFifteenEveryDay() {
    assertThat(next(expression("cron(15 12 * * ? *)"), utc("2026-03-01T12:00:00Z"), 2))
        .containsExactly("2026-03-01T12:15:00Z", "2026-03-02T12:15:00Z");
  }

  @Test
  void shouldRunAtSixInTheEveningMondayToFridayOnly() {
    // 2026-03-06 is a Friday.
    assertThat(next(expression("cron(0 18 ? * MON-FRI *)"), utc("2026-03-06T18:00:00Z"), 2))
        .containsExactly("2026-03-09T18:00:00Z", "2026-03-10T18:00:00Z");
  }

  @Test
  void shouldRunAtEightOnTheFirstOfEveryMonth() {
    assertThat(next(expression("cron(0 8 1 * ? *)"), utc("2026-01-01T08:00:00Z"), 3))
        .containsExactly("2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z", "2026-04-01T08:00:00Z");
  }

  @Test
  void shouldRunEveryFifteenMinutesAcrossMidnight() {
    assertThat(next(expression("cron(0/15 * * * ? *)"), utc("2026-03-01T23:50:00Z"), 3))
        .containsExactly("2026-03-02T00:00:00Z", "2026-03-02T00:15:00Z", "2026-03-02T00:30:00Z");
  }

  @Test
  void shouldRunEveryTenMinutesOnWeekdaysAndSkipTheWeekend() {
    assertThat(next(expression("cron(0/10 * ? * MON-FRI *)"), utc("2026-03-06T23:55:00Z"), 2))
        .containsExactly("2026-03-09T00:00:00Z", "2026-03-09T00:10:00Z");
  }

  @Test
  void shouldRunEveryFiveMinutesBetweenEightAndFiveFiftyFiveOnWeekdays() {
    assertThat(next(expression("cron(0/5 8-17 ? * MON-FRI *)"), utc("2026-03-09T17:52:00Z"), 3))
        .containsExactly("2026-03-09T17:55:00Z", "2026-03-10T08:00:00Z", "2026-03-10T08:05:00Z");
  }

  @Test
  void shouldRunAtNineOnTheFirstMondayOfEachMonth() {
    assertThat(next(expression("cron(0 9 ? * 2#1 *)"), utc("2026-01-06T00:00:00Z"), 3))
        .containsExactly("2026-02-02T09:00:00Z", "2026-03-02T09:00:00Z", "2026-04-06T09:00:00Z");
  }

  @Test
  void shouldRunOnTheEleventhTwentyFirstAndThirtyFirstMinuteWhenTheMinutesAreOneSlashTen() {
    assertThat(next(expression("cron(1/10 * * * ? *)"), utc("2026-03-01T00:00:00Z"), 7))
        .containsExactly(
            "2026-03-01T00:01:00Z",
            "2026-03-01T00:11:00Z",
            "2026-03-01T00:21:00Z",
            "2026-03-01T00:31:00Z",
            "2026-03-01T00:41:00Z",
            "2026-03-01T00:51:00Z",
            "2026-03-01T01:01:00Z");
  }

  @Test
  void shouldRunOnJanuaryFebruaryAndMarchWhenTheMonthsAreAList() {
    assertThat(next(expression("cron(0 0 1 JAN,FEB,MAR ? *)"), utc("2026-03-02T00:00:00Z"), 4))
        .containsExactly(
            "2027-01-01T00:00:00Z",
            "2027-02-01T00:00:00Z",
            "2027-03-01T00:00:00Z",
            "2028-01-01T00:00:00Z");
  }

  @Test
  void shouldRunOnTheFirstToFifteenthWhenTheDaysAreARange() {
    assertThat(next(expression("cron(0 0 1-15 * ? *)"), utc("2026-03-14T12:00:00Z"), 3))
        .containsExactly("2026-03-15T00:00:00Z", "2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z");
  }

  @Test
  void shouldRunOnTheWeekdayNearestTheThirdWhenTheDayIsThreeW() {
    // 2026-01-03 is a Saturday (Friday the 2nd); 2026-05-03 is a Sunday (Monday the 4th).
    assertThat(next(expression("cron(0 0 3W * ? *)"), utc("2026-01-01T00:00:00Z"), 5))
        .containsExactly(
            "2026-01-02T00:00:00Z",
            "2026-02-03T00:00:00Z",
            "2026-03-03T00:00:00Z",
            "2026-04-03T00:00:00Z",
            "2026-05-04T00:00:00Z");
  }
}
