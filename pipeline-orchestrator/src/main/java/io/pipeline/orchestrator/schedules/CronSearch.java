package io.pipeline.orchestrator.schedules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Finds a cron expression's next fire time: walks the calendar in the expression's time zone,
 * skipping years and months that do not match, then day by day, then through the day's hours and
 * minutes. Wall-clock times map to instants as EventBridge Scheduler does: a time the clocks skip
 * does not fire, a time they repeat fires once, at its first occurrence.
 */
final class CronSearch {

  /** Before any fire time (the first is 1970-01-01T00:00 in the easternmost zone, UTC+14). */
  private static final Instant FLOOR = Instant.parse("1969-12-30T00:00:00Z");

  /** After every fire time (the last is 2199-12-31T23:59 in the westernmost zone, UTC-12). */
  private static final Instant CEILING = Instant.parse("2200-01-02T00:00:00Z");

  private CronSearch() {}

  static Optional<Instant> next(CronFields fields, ZoneId zone, Instant after) {
    if (after.isAfter(CEILING)) {
      return Optional.empty();
    }
    Instant from = after.isBefore(FLOOR) ? FLOOR : after;
    // Every wall-clock time up to the one of `from` maps to an instant at or before it, so the
    // search starts at the next minute on the wall clock.
    LocalDateTime start =
        LocalDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate date = start.toLocalDate();
    LocalTime earliest = start.toLocalTime();
    while (date.getYear() <= CronField.YEAR.max()) {
      int year = fields.years().next(date.getYear());
      if (year < 0) {
        return Optional.empty();
      }
      if (year != date.getYear()) {
        date = LocalDate.of(year, 1, 1);
        earliest = LocalTime.MIDNIGHT;
      }
      int month = fields.months().next(date.getMonthValue());
      if (month < 0) {
        date = LocalDate.of(year + 1, 1, 1);
        earliest = LocalTime.MIDNIGHT;
        continue;
      }
      if (month != date.getMonthValue()) {
        date = LocalDate.of(year, month, 1);
        earliest = LocalTime.MIDNIGHT;
      }
      if (fields.days().matches(date)) {
        Optional<Instant> time = firstTimeOn(fields, zone, date, earliest, from);
        if (time.isPresent()) {
          return time;
        }
      }
      date = date.plusDays(1);
      earliest = LocalTime.MIDNIGHT;
    }
    return Optional.empty();
  }

  private static Optional<Instant> firstTimeOn(
      CronFields fields, ZoneId zone, LocalDate date, LocalTime earliest, Instant after) {
    for (int hour = fields.hours().next(earliest.getHour());
        hour >= 0;
        hour = fields.hours().next(hour + 1)) {
      int firstMinute = hour == earliest.getHour() ? earliest.getMinute() : 0;
      for (int minute = fields.minutes().next(firstMinute);
          minute >= 0;
          minute = fields.minutes().next(minute + 1)) {
        Optional<Instant> instant = firstOccurrence(date.atTime(hour, minute), zone);
        if (instant.isPresent() && instant.get().isAfter(after)) {
          return instant;
        }
      }
    }
    return Optional.empty();
  }

  /** The first instant the wall clock shows {@code time}; empty when the clocks skip it. */
  private static Optional<Instant> firstOccurrence(LocalDateTime time, ZoneId zone) {
    if (zone.getRules().getValidOffsets(time).isEmpty()) {
      return Optional.empty();
    }
    // With two valid offsets (clocks set back), ofLocal without a preference takes the earlier.
    return Optional.of(ZonedDateTime.ofLocal(time, zone, null).toInstant());
  }
}
