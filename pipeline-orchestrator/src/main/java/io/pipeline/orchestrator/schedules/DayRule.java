package io.pipeline.orchestrator.schedules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Which days a cron expression fires on: its Day-of-month field or its Day-of-week field, the other
 * one being {@code ?}. Days of the week are numbered as AWS does, 1 = Sunday to 7 = Saturday.
 */
sealed interface DayRule {

  boolean matches(LocalDate date);

  /** AWS's number for a day of the week: 1 = Sunday, 2 = Monday, ..., 7 = Saturday. */
  static int awsNumber(DayOfWeek day) {
    return day.getValue() % 7 + 1;
  }

  /** Days of the month from a list, range or step, e.g. {@code 1,15} or {@code 1/7}. */
  record DaysOfMonth(ValueSet days) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return days.contains(date.getDayOfMonth());
    }
  }

  /** {@code L} in Day-of-month: the last day of the month. */
  record LastDayOfMonth() implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return date.getDayOfMonth() == date.lengthOfMonth();
    }
  }

  /** {@code LW}: the last weekday (Monday to Friday) of the month. */
  record LastWeekdayOfMonth() implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      LocalDate last = date.with(TemporalAdjusters.lastDayOfMonth());
      return date.equals(nearestWeekdayWithinMonth(last));
    }
  }

  /**
   * {@code 15W}: the weekday nearest to that day of the month, never in another month (Quartz's
   * rule: {@code 1W} on a Saturday the 1st is Monday the 3rd). A month without that day (31W in
   * April) has no such day.
   */
  record NearestWeekday(int dayOfMonth) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return dayOfMonth <= date.lengthOfMonth()
          && date.equals(nearestWeekdayWithinMonth(date.withDayOfMonth(dayOfMonth)));
    }
  }

  /** Days of the week from a list or range, e.g. {@code MON-FRI}, or {@code L} for Saturday. */
  record DaysOfWeek(ValueSet days) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return days.contains(awsNumber(date.getDayOfWeek()));
    }
  }

  /** {@code 6L}: the last such day of the week in the month, here the last Friday. */
  record LastDayOfWeekOfMonth(int dayOfWeek) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return awsNumber(date.getDayOfWeek()) == dayOfWeek
          && date.plusWeeks(1).getMonth() != date.getMonth();
    }
  }

  /** {@code 3#2}: the nth such day of the week in the month, here the second Tuesday. */
  record NthDayOfWeekOfMonth(int dayOfWeek, int nth) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return awsNumber(date.getDayOfWeek()) == dayOfWeek
          && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
    }
  }

  private static LocalDate nearestWeekdayWithinMonth(LocalDate day) {
    switch (day.getDayOfWeek()) {
      case SATURDAY:
        return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
      case SUNDAY:
        return day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
      default:
        return day;
    }
  }
}
