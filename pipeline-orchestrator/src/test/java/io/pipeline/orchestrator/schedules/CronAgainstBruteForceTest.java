package io.pipeline.orchestrator.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the search with a brute force that looks at every minute: each expression's meaning is
 * written out below as a plain predicate on the wall-clock time, and an instant fires when the
 * predicate holds and no earlier instant showed the same wall-clock time.
 */
class CronAgainstBruteForceTest {

  private static final Instant[] FIXED_STARTS = {
    Instant.parse("2026-03-28T22:00:00Z"), // before the spring change in Europe
    Instant.parse("2026-10-24T21:00:00Z"), // before the autumn change in Europe
    Instant.parse("2026-03-07T20:00:00Z"), // before the spring change in the US
    Instant.parse("2028-02-20T00:00:00Z"), // a leap February
  };

  private static final Set<DayOfWeek> FRIDAY_TO_MONDAY =
      Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);

  static Stream<Arguments> expressions() {
    return Stream.of(
        of("cron(0/15 * * * ? *)", "UTC", 3, t -> t.getMinute() % 15 == 0),
        of(
            "cron(0/5 8-17 ? * MON-FRI *)",
            "America/New_York",
            4,
            t -> t.getMinute() % 5 == 0 && t.getHour() >= 8 && t.getHour() <= 17 && weekday(t)),
        of("cron(30 2 * * ? *)", "Europe/Berlin", 5, t -> at(t, 2, 30)),
        of("cron(0/30 * * * ? *)", "Europe/Berlin", 3, t -> t.getMinute() % 30 == 0),
        of(
            "cron(0,30 0,23 * * ? *)",
            "America/Santiago",
            5,
            t -> t.getMinute() % 30 == 0 && (t.getHour() == 0 || t.getHour() == 23)),
        of(
            "cron(1/10 * ? * SUN *)",
            "Australia/Lord_Howe",
            15,
            t -> t.getMinute() % 10 == 1 && t.getDayOfWeek() == DayOfWeek.SUNDAY),
        of(
            "cron(0 9 ? * 2#1 *)",
            "Europe/Berlin",
            70,
            t -> at(t, 9, 0) && t.getDayOfWeek() == DayOfWeek.MONDAY && t.getDayOfMonth() <= 7),
        of(
            "cron(0 0 L * ? *)",
            "UTC",
            70,
            t -> at(t, 0, 0) && t.getDayOfMonth() == t.toLocalDate().lengthOfMonth()),
        of(
            "cron(0 12 LW * ? *)",
            "Asia/Tokyo",
            70,
            t -> at(t, 12, 0) && t.toLocalDate().equals(lastWeekday(t.toLocalDate()))),
        of(
            "cron(0 12 15W * ? *)",
            "Europe/Berlin",
            70,
            t -> at(t, 12, 0) && t.toLocalDate().equals(nearestWeekday(t.toLocalDate(), 15))),
        of(
            "cron(0 6 ? * 6L *)",
            "America/New_York",
            70,
            t ->
                at(t, 6, 0)
                    && t.getDayOfWeek() == DayOfWeek.FRIDAY
                    && t.getDayOfMonth() > t.toLocalDate().lengthOfMonth() - 7),
        of(
            "cron(0 22-2 ? * FRI-MON *)",
            "UTC",
            8,
            t ->
                t.getMinute() == 0
                    && (t.getHour() >= 22 || t.getHour() <= 2)
                    && FRIDAY_TO_MONDAY.contains(t.getDayOfWeek())),
        of("cron(0 0 1/10 * ? *)", "UTC", 40, t -> at(t, 0, 0) && t.getDayOfMonth() % 10 == 1),
        of(
            "cron(20 4 ? JUN-AUG TUE,THU 2026-2029)",
            "Pacific/Auckland",
            400,
            t ->
                at(t, 4, 20)
                    && t.getMonthValue() >= 6
                    && t.getMonthValue() <= 8
                    && (t.getDayOfWeek() == DayOfWeek.TUESDAY
                        || t.getDayOfWeek() == DayOfWeek.THURSDAY)
                    && t.getYear() <= 2029));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("expressions")
  void shouldFireExactlyWhenTheBruteForceFiresWhenStartedAnywhere(
      String text, String zone, int days, Predicate<LocalDateTime> meaning) {
    ScheduleExpression expression = ScheduleExpression.parse(text, zone).orElseThrow();
    List<Instant> starts = new ArrayList<>(List.of(FIXED_STARTS));
    Random random = new Random(text.hashCode());
    for (int i = 0; i < 2; i++) {
      starts.add(
          Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(4 * 365 * 86400)));
    }
    int fired = 0;
    for (Instant start : starts) {
      Instant end = start.plus(Duration.ofDays(days));
      List<Instant> expected = bruteForce(meaning, ZoneId.of(zone), start, end);
      assertThat(search(expression, start, end))
          .as("%s in %s after %s", text, zone, start)
          .isEqualTo(expected);
      fired += expected.size();
    }
    assertThat(fired).as("fire times compared").isGreaterThan(starts.size());
  }

  private static List<Instant> search(ScheduleExpression expression, Instant start, Instant end) {
    List<Instant> fires = new ArrayList<>();
    Optional<Instant> next = expression.nextFireTime(start);
    while (next.isPresent() && !next.get().isAfter(end)) {
      fires.add(next.get());
      next = expression.nextFireTime(next.get());
    }
    return fires;
  }

  private static List<Instant> bruteForce(
      Predicate<LocalDateTime> meaning, ZoneId zone, Instant start, Instant end) {
    List<Instant> fires = new ArrayList<>();
    for (Instant t = start.plusSeconds(60 - start.getEpochSecond() % 60);
        !t.isAfter(end);
        t = t.plusSeconds(60)) {
      ZonedDateTime wallClock = t.atZone(zone);
      boolean firstTimeShown = wallClock.withEarlierOffsetAtOverlap().toInstant().equals(t);
      if (firstTimeShown && meaning.test(wallClock.toLocalDateTime())) {
        fires.add(t);
      }
    }
    return fires;
  }

  private static Arguments of(
      String text, String zone, int days, Predicate<LocalDateTime> meaning) {
    return Arguments.of(text, zone, days, meaning);
  }

  private static boolean at(LocalDateTime time, int hour, int minute) {
    return time.getHour() == hour && time.getMinute() == minute;
  }

  private static boolean weekday(LocalDateTime time) {
    return time.getDayOfWeek().getValue() <= 5;
  }

  private static LocalDate lastWeekday(LocalDate date) {
    LocalDate day = date.withDayOfMonth(date.lengthOfMonth());
    while (day.getDayOfWeek().getValue() > 5) {
      day = day.minusDays(1);
    }
    return day;
  }

  /** The weekday of the month closest to the given day of the month. */
  private static LocalDate nearestWeekday(LocalDate date, int dayOfMonth) {
    LocalDate best = null;
    for (int day = 1; day <= date.lengthOfMonth(); day++) {
      LocalDate candidate = date.withDayOfMonth(day);
      boolean closer =
          best == null || Math.abs(day - dayOfMonth) < Math.abs(best.getDayOfMonth() - dayOfMonth);
      if (candidate.getDayOfWeek().getValue() <= 5 && closer) {
        best = candidate;
      }
    }
    return best;
  }
}
