package io.pipeline.orchestrator.schedules;

import java.time.ZoneId;
import java.util.Optional;

/** Parses the six fields inside {@code cron(...)} and checks AWS's rule for {@code ?}. */
final class CronParser {

  private CronParser() {}

  static ScheduleParseResult parse(String expression, String body, ZoneId zone) {
    String[] tokens = body.split("\\s+");
    int count = body.isBlank() ? 0 : tokens.length;
    if (count != 6) {
      return ScheduleParseResult.invalid(
          new ScheduleExpressionError(
              expression,
              ScheduleField.EXPRESSION,
              body,
              "a cron expression has 6 fields separated by spaces, minutes hours day-of-month"
                  + " month day-of-week year; this one has "
                  + count));
    }
    Parsed<ValueSet> minutes = CronFieldParser.parseList(expression, CronField.MINUTES, tokens[0]);
    if (minutes.isFailed()) {
      return ScheduleParseResult.invalid(minutes.error());
    }
    Parsed<ValueSet> hours = CronFieldParser.parseList(expression, CronField.HOURS, tokens[1]);
    if (hours.isFailed()) {
      return ScheduleParseResult.invalid(hours.error());
    }
    Parsed<Optional<DayRule>> dayOfMonth = DayFieldParser.dayOfMonth(expression, tokens[2]);
    if (dayOfMonth.isFailed()) {
      return ScheduleParseResult.invalid(dayOfMonth.error());
    }
    Parsed<ValueSet> months = CronFieldParser.parseList(expression, CronField.MONTH, tokens[3]);
    if (months.isFailed()) {
      return ScheduleParseResult.invalid(months.error());
    }
    Parsed<Optional<DayRule>> dayOfWeek = DayFieldParser.dayOfWeek(expression, tokens[4]);
    if (dayOfWeek.isFailed()) {
      return ScheduleParseResult.invalid(dayOfWeek.error());
    }
    Parsed<ValueSet> years = CronFieldParser.parseList(expression, CronField.YEAR, tokens[5]);
    if (years.isFailed()) {
      return ScheduleParseResult.invalid(years.error());
    }
    Parsed<DayRule> days = days(expression, tokens, dayOfMonth.value(), dayOfWeek.value());
    if (days.isFailed()) {
      return ScheduleParseResult.invalid(days.error());
    }
    CronFields fields =
        new CronFields(minutes.value(), hours.value(), days.value(), months.value(), years.value());
    return ScheduleParseResult.valid(new CronExpression(expression, zone, fields));
  }

  /** AWS: one of Day-of-month and Day-of-week is {@code ?}, and only one. */
  private static Parsed<DayRule> days(
      String expression,
      String[] tokens,
      Optional<DayRule> dayOfMonth,
      Optional<DayRule> dayOfWeek) {
    if (dayOfMonth.isEmpty() && dayOfWeek.isEmpty()) {
      return Parsed.failed(
          CronFieldParser.error(
              expression,
              CronField.DAY_OF_WEEK,
              tokens[4],
              "Day-of-month and Day-of-week are both '?'; one of them names the days, e.g."
                  + " cron(0 10 * * ? *) or cron(0 10 ? * MON *)"));
    }
    if (dayOfMonth.isPresent() && dayOfWeek.isPresent()) {
      return Parsed.failed(
          CronFieldParser.error(
              expression,
              CronField.DAY_OF_WEEK,
              tokens[4],
              "Day-of-month is '"
                  + tokens[2]
                  + "', so Day-of-week must be '?': one of the two fields is '?'"));
    }
    return Parsed.of(dayOfMonth.orElseGet(dayOfWeek::get));
  }
}
