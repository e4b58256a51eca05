package io.pipeline.orchestrator.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)}, read on the wall clock of a time
 * zone. A time the clocks skip (02:30 on the night Europe/Berlin jumps from 02:00 to 03:00) does
 * not fire that day; a time they repeat (02:30 on the night they go back) fires once, the first
 * time.
 */
public final class CronExpression implements ScheduleExpression {

  private final String text;
  private final ZoneId timeZone;
  private final CronFields fields;

  CronExpression(String text, ZoneId timeZone, CronFields fields) {
    this.text = text;
    this.timeZone = timeZone;
    this.fields = fields;
  }

  @Override
  public String text() {
    return text;
  }

  /** The zone whose wall clock the fields are read on. */
  public ZoneId timeZone() {
    return timeZone;
  }

  @Override
  public Optional<Instant> nextFireTime(Instant after) {
    return CronSearch.next(fields, timeZone, after);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression cron
        && cron.text.equals(text)
        && cron.timeZone.equals(timeZone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, timeZone);
  }

  @Override
  public String toString() {
    return text + " in " + timeZone;
  }
}
