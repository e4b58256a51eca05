package io.pipeline.orchestrator.schedules;

import java.util.BitSet;
import java.util.Optional;

/** Parses a cron field's list of values, ranges and steps, e.g. {@code 0/15} or {@code 8-17,20}. */
final class CronFieldParser {

  private CronFieldParser() {}

  /** The values of a list such as {@code 1,5-9,20/5}; names (JAN, MON) where the field has them. */
  static Parsed<ValueSet> parseList(String expression, CronField field, String token) {
    Optional<ScheduleExpressionError> symbol = checkSymbols(expression, field, token);
    if (symbol.isPresent()) {
      return Parsed.failed(symbol.get());
    }
    BitSet values = new BitSet();
    for (String element : token.split(",", -1)) {
      if (element.isEmpty()) {
        return Parsed.failed(error(expression, field, token, "a list has a value between commas"));
      }
      Optional<String> problem = addElement(field, element, values);
      if (problem.isPresent()) {
        return Parsed.failed(error(expression, field, element, problem.get()));
      }
    }
    return Parsed.of(ValueSet.of(values));
  }

  /** An error when the field holds a symbol that AWS does not allow in it. */
  static Optional<ScheduleExpressionError> checkSymbols(
      String expression, CronField field, String token) {
    for (char c : token.toCharArray()) {
      if (!Character.isLetterOrDigit(c) && !field.allowsSymbol(c)) {
        return Optional.of(
            error(
                expression,
                field,
                token,
                "'"
                    + c
                    + "' is not allowed here; the "
                    + field.field().label()
                    + " allows "
                    + field.wildcards()));
      }
    }
    return Optional.empty();
  }

  static ScheduleExpressionError error(
      String expression, CronField field, String token, String reason) {
    return new ScheduleExpressionError(expression, field.field(), token, reason);
  }

  private static Optional<String> addElement(CronField field, String element, BitSet values) {
    String range = element;
    int step = 1;
    int slash = element.indexOf('/');
    if (slash >= 0) {
      range = element.substring(0, slash);
      String stepText = element.substring(slash + 1);
      if (!stepText.matches("[0-9]{1,4}")) {
        return Optional.of("'/' is followed by a step, a whole number, e.g. 0/15");
      }
      step = Integer.parseInt(stepText);
      if (step < 1 || step > field.maxStep()) {
        return Optional.of("the step after '/' is from 1 to " + field.maxStep());
      }
    }
    int start;
    int end;
    int dash = range.indexOf('-');
    if (range.equals("*")) {
      start = field.min();
      end = field.max();
    } else if (dash < 0) {
      start = field.value(range);
      if (start < 0) {
        return Optional.of(field.valueProblem(range));
      }
      end = slash >= 0 ? field.max() : start;
    } else {
      String first = range.substring(0, dash);
      String last = range.substring(dash + 1);
      start = field.value(first);
      end = field.value(last);
      if (start < 0 || end < 0) {
        return Optional.of(field.valueProblem(start < 0 ? first : last));
      }
      if (end < start && !field.wraps()) {
        return Optional.of("a range of years goes forward, e.g. 2026-2030");
      }
    }
    int span = field.max() - field.min() + 1;
    int length = end >= start ? end - start : end - start + span;
    for (int k = 0; k <= length; k += step) {
      values.set(field.min() + (start - field.min() + k) % span);
    }
    return Optional.empty();
  }
}
