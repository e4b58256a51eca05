package io.pipeline.orchestrator.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A schedule expression of AWS EventBridge Scheduler: {@code rate(value unit)}, {@code cron(minutes
 * hours day-of-month month day-of-week year)} or {@code at(yyyy-mm-ddThh:mm:ss)}. The rules are
 * AWS's (EventBridge user guide, "Cron expressions reference" and "Rate expressions reference";
 * EventBridge Scheduler user guide, "Schedule types"); where AWS is silent about a cron form,
 * Quartz's meaning, from which AWS's dialect comes, is taken.
 */
public sealed interface ScheduleExpression permits RateExpression, CronExpression, AtExpression {

  /** Parses an expression whose cron and at times are in UTC. */
  static ScheduleParseResult parse(String expression) {
    return parse(expression, "UTC");
  }

  /**
   * Parses an expression whose cron and at times are in a time zone (EventBridge Scheduler's {@code
   * ScheduleExpressionTimezone}); a rate does not depend on it.
   *
   * @param expression e.g. {@code cron(0 18 ? * MON-FRI *)}
   * @param timeZone an IANA time zone id, e.g. {@code Europe/Berlin}
   */
  static ScheduleParseResult parse(String expression, String timeZone) {
    String text = expression == null ? "" : expression;
    if (timeZone == null || !ZoneId.getAvailableZoneIds().contains(timeZone)) {
      return ScheduleParseResult.invalid(
          new ScheduleExpressionError(
              text,
              ScheduleField.TIME_ZONE,
              String.valueOf(timeZone),
              "not an IANA time zone id, e.g. UTC or Europe/Berlin"));
    }
    ZoneId zone = ZoneId.of(timeZone);
    if (text.startsWith("rate(") && text.endsWith(")")) {
      return RateExpression.parse(text, body(text, "rate("));
    }
    if (text.startsWith("cron(") && text.endsWith(")")) {
      return CronParser.parse(text, body(text, "cron("), zone);
    }
    if (text.startsWith("at(") && text.endsWith(")")) {
      return AtExpression.parse(text, body(text, "at("), zone);
    }
    return ScheduleParseResult.invalid(
        new ScheduleExpressionError(
            text,
            ScheduleField.EXPRESSION,
            text,
            "expected rate(value unit), cron(minutes hours day-of-month month day-of-week year)"
                + " or at(yyyy-mm-ddThh:mm:ss)"));
  }

  private static String body(String expression, String opening) {
    return expression.substring(opening.length(), expression.length() - 1).strip();
  }

  /** The expression in AWS's syntax. */
  String text();

  /**
   * When the expression fires next, strictly after {@code after}; empty when it never fires again
   * (a one-time schedule that has passed, a cron expression whose years have ended). A rate has no
   * fixed times of its own: its answer is one period after {@code after}, which should be its
   * previous fire time; {@link Schedule} counts a rate from its start date instead.
   */
  Optional<Instant> nextFireTime(Instant after);
}
