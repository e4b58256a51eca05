package io.pipeline.orchestrator.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A schedule expression with the dates that bound it, as EventBridge Scheduler's {@code StartDate}
 * and {@code EndDate}: a recurring schedule fires on or after its start date and on or before its
 * end date; a one-time schedule ignores both, as AWS does.
 *
 * @param expression when it fires
 * @param startDate the first instant it may fire; a rate counts its periods from it
 * @param endDate the last instant it may fire
 */
public record Schedule(
    ScheduleExpression expression, Optional<Instant> startDate, Optional<Instant> endDate) {

  public Schedule {
    if (startDate.isPresent() && endDate.isPresent() && endDate.get().isBefore(startDate.get())) {
      throw new IllegalArgumentException(
          "a schedule's end date " + endDate.get() + " is before its start " + startDate.get());
    }
  }

  /** A schedule without bounds. */
  public static Schedule of(ScheduleExpression expression) {
    return new Schedule(expression, Optional.empty(), Optional.empty());
  }

  public Schedule withStartDate(Instant startDate) {
    return new Schedule(expression, Optional.of(startDate), endDate);
  }

  public Schedule withEndDate(Instant endDate) {
    return new Schedule(expression, startDate, Optional.of(endDate));
  }

  /**
   * When the schedule fires next, strictly after {@code after}; empty when it never fires again. A
   * rate fires at its start date and every period after it (EventBridge Scheduler starts a rate
   * schedule without a start date at once: the trigger passes its creation time as the start);
   * without a start date, one period after {@code after}.
   */
  public Optional<Instant> nextFireTime(Instant after) {
    if (expression instanceof AtExpression) {
      return expression.nextFireTime(after);
    }
    Optional<Instant> next;
    if (expression instanceof RateExpression rate && startDate.isPresent()) {
      next = Optional.of(nextOnGrid(startDate.get(), rate.period(), after));
    } else if (startDate.isPresent() && startDate.get().isAfter(after)) {
      next = expression.nextFireTime(startDate.get().minusNanos(1));
    } else {
      next = expression.nextFireTime(after);
    }
    return next.filter(time -> endDate.isEmpty() || !time.isAfter(endDate.get()));
  }

  private static Instant nextOnGrid(Instant start, Duration period, Instant after) {
    if (start.isAfter(after)) {
      return start;
    }
    long periodsPassed = Duration.between(start, after).dividedBy(period);
    return start.plus(period.multipliedBy(periodsPassed + 1));
  }
}
