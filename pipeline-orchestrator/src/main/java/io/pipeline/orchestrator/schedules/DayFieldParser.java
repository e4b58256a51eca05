package io.pipeline.orchestrator.schedules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the Day-of-month and Day-of-week fields, with their special forms: {@code ?}, {@code L},
 * {@code LW}, {@code 15W}, {@code 6L} and {@code 3#2}. An empty rule stands for {@code ?}.
 */
final class DayFieldParser {

  private static final Pattern NEAREST_WEEKDAY = Pattern.compile("([0-9]{1,2})W");
  private static final Pattern NTH_DAY_OF_WEEK = Pattern.compile("([0-9A-Z]+)#([0-9]+)");
  private static final String L_IN_DAY_OF_MONTH =
      "L stands alone (the last day of the month) or as LW (its last weekday); W follows one day"
          + " of the month, e.g. 15W; neither goes into a list, range or step";
  private static final String L_IN_DAY_OF_WEEK =
      "L stands alone (Saturday, the last day of the week) or follows one day, e.g. 6L for the"
          + " last Friday of the month; it goes into no list or range";

  private DayFieldParser() {}

  static Parsed<Optional<DayRule>> dayOfMonth(String expression, String token) {
    CronField field = CronField.DAY_OF_MONTH;
    Optional<Parsed<Optional<DayRule>>> settled = questionMarkOrSymbol(expression, field, token);
    if (settled.isPresent()) {
      return settled.get();
    }
    String upper = token.toUpperCase(Locale.ROOT);
    if (upper.equals("L")) {
      return rule(new DayRule.LastDayOfMonth());
    }
    if (upper.equals("LW")) {
      return rule(new DayRule.LastWeekdayOfMonth());
    }
    if (upper.contains("L") || upper.contains("W")) {
      Matcher nearest = NEAREST_WEEKDAY.matcher(upper);
      if (!nearest.matches()) {
        return failed(expression, field, token, L_IN_DAY_OF_MONTH);
      }
      int day = field.value(nearest.group(1));
      if (day < 0) {
        return failed(expression, field, token, field.valueProblem(nearest.group(1)));
      }
      return rule(new DayRule.NearestWeekday(day));
    }
    Parsed<ValueSet> days = CronFieldParser.parseList(expression, field, token);
    return days.isFailed() ? days.failure() : rule(new DayRule.DaysOfMonth(days.value()));
  }

  static Parsed<Optional<DayRule>> dayOfWeek(String expression, String token) {
    CronField field = CronField.DAY_OF_WEEK;
    Optional<Parsed<Optional<DayRule>>> settled = questionMarkOrSymbol(expression, field, token);
    if (settled.isPresent()) {
      return settled.get();
    }
    String upper = token.toUpperCase(Locale.ROOT);
    if (upper.contains("#")) {
      return nthDayOfWeek(expression, token, upper);
    }
    if (upper.equals("L")) {
      return rule(new DayRule.DaysOfWeek(ValueSet.of(field.max())));
    }
    if (upper.contains("L")) {
      String day = upper.substring(0, upper.length() - 1);
      if (!upper.endsWith("L") || day.contains("L") || day.contains(",") || day.contains("-")) {
        return failed(expression, field, token, L_IN_DAY_OF_WEEK);
      }
      int value = field.value(day);
      if (value < 0) {
        return failed(expression, field, token, field.valueProblem(day));
      }
      return rule(new DayRule.LastDayOfWeekOfMonth(value));
    }
    Parsed<ValueSet> days = CronFieldParser.parseList(expression, field, token);
    return days.isFailed() ? days.failure() : rule(new DayRule.DaysOfWeek(days.value()));
  }

  /**
   * What a day field is when it is {@code ?} (no rule) or holds a symbol AWS does not allow in it
   * (an error); empty when it is neither and its own forms decide.
   */
  private static Optional<Parsed<Optional<DayRule>>> questionMarkOrSymbol(
      String expression, CronField field, String token) {
    Optional<ScheduleExpressionError> symbol =
        CronFieldParser.checkSymbols(expression, field, token);
    if (symbol.isPresent()) {
      return Optional.of(Parsed.failed(symbol.get()));
    }
    if (token.equals("?")) {
      return Optional.of(Parsed.of(Optional.empty()));
    }
    if (token.contains("?")) {
      return Optional.of(
          failed(expression, field, token, "'?' stands alone: it means no particular day"));
    }
    return Optional.empty();
  }

  private static Parsed<Optional<DayRule>> nthDayOfWeek(
      String expression, String token, String upper) {
    CronField field = CronField.DAY_OF_WEEK;
    if (upper.contains(",")) {
      return failed(
          expression,
          field,
          token,
          "a field with '#' holds one expression, e.g. 3#2 (the second Tuesday); 3#1,6#3 is two");
    }
    Matcher nth = NTH_DAY_OF_WEEK.matcher(upper);
    if (!nth.matches()) {
      return failed(
          expression,
          field,
          token,
          "'#' goes between a day of the week and its number in the month, e.g. 3#2 or TUE#2");
    }
    int day = field.value(nth.group(1));
    if (day < 0) {
      return failed(expression, field, token, field.valueProblem(nth.group(1)));
    }
    if (!nth.group(2).matches("[1-5]")) {
      return failed(
          expression,
          field,
          token,
          "the number after '#' is from 1 to 5: a day comes at most five times in a month");
    }
    return rule(new DayRule.NthDayOfWeekOfMonth(day, Integer.parseInt(nth.group(2))));
  }

  private static Parsed<Optional<DayRule>> rule(DayRule rule) {
    return Parsed.of(Optional.of(rule));
  }

  private static Parsed<Optional<DayRule>> failed(
      String expression, CronField field, String token, String reason) {
    return Parsed.failed(CronFieldParser.error(expression, field, token, reason));
  }
}
