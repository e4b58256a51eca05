package io.pipeline.orchestrator.schedules;

import static io.pipeline.orchestrator.schedules.Fires.error;
import static io.pipeline.orchestrator.schedules.Fires.expression;
import static io.pipeline.orchestrator.schedules.Fires.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AtExpressionTest {

  @Test
  void shouldFireOnceAtTheTimeWhenNoZoneIsGiven() {
    ScheduleExpression at = expression("at(2026-03-01T08:30:00)");

    assertThat(at)
        .isEqualTo(new AtExpression(LocalDateTime.parse("2026-03-01T08:30:00"), ZoneId.of("UTC")));
    assertThat(at.nextFireTime(utc("2026-02-01T00:00:00Z"))).contains(utc("2026-03-01T08:30:00Z"));
    assertThat(at.nextFireTime(utc("2026-03-01T08:29:59Z"))).contains(utc("2026-03-01T08:30:00Z"));
    assertThat(at.text()).isEqualTo("at(2026-03-01T08:30:00)");
  }

  @Test
  void shouldFireNoMoreWhenTheTimeHasPassed() {
    ScheduleExpression at = expression("at(2026-03-01T08:30:00)");

    assertThat(at.nextFireTime(utc("2026-03-01T08:30:00Z"))).isEmpty();
    assertThat(at.nextFireTime(utc("2027-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void shouldReadTheTimeOnTheZonesWallClockWhenAZoneIsGiven() {
    ScheduleExpression at = expression("at(2026-07-01T09:00:00)", "America/New_York");

    assertThat(at.nextFireTime(utc("2026-01-01T00:00:00Z"))).contains(utc("2026-07-01T13:00:00Z"));
  }

  @Test
  void shouldFireAsLateAsTheClocksMovedWhenTheTimeDoesNotExist() {
    // Berlin jumps from 02:00 to 03:00 on 2026-03-29: 02:30 is 03:30 summer time.
    ScheduleExpression at = expression("at(2026-03-29T02:30:00)", "Europe/Berlin");

    assertThat(at.nextFireTime(utc("2026-03-01T00:00:00Z"))).contains(utc("2026-03-29T01:30:00Z"));
  }

  @Test
  void shouldFireAtTheFirstOccurrenceWhenTheTimeExistsTwice() {
    // Berlin goes back from 03:00 to 02:00 on 2026-10-25: 02:30 comes first in summer time.
    ScheduleExpression at = expression("at(2026-10-25T02:30:00)", "Europe/Berlin");

    assertThat(at.nextFireTime(utc("2026-10-01T00:00:00Z"))).contains(utc("2026-10-25T00:30:00Z"));
    assertThat(at.nextFireTime(utc("2026-10-25T00:30:00Z"))).isEmpty();
  }

  @Test
  void shouldRefuseATimeThatIsNotOfTheFormAwsGives() {
    assertThat(error("at(2026-03-01 08:30:00)").message())
        .isEqualTo(
            "Invalid schedule expression at(2026-03-01 08:30:00): at time '2026-03-01 08:30:00':"
                + " expected yyyy-mm-ddThh:mm:ss, e.g. 2026-03-01T08:30:00");
    assertThat(error("at(2026-03-01T08:30)").field()).isEqualTo(ScheduleField.AT_TIME);
    assertThat(error("at(2026-03-01T08:30:00Z)").field()).isEqualTo(ScheduleField.AT_TIME);
  }

  @Test
  void shouldRefuseADateThatDoesNotExist() {
    assertThat(error("at(2026-02-29T08:30:00)").reason())
        .startsWith("not a date and time that exists: ")
        .contains("February 29");
    assertThat(error("at(2026-04-31T08:30:00)").field()).isEqualTo(ScheduleField.AT_TIME);
    assertThat(error("at(2026-01-01T24:00:00)").field()).isEqualTo(ScheduleField.AT_TIME);
  }
}
