package io.pipeline.orchestrator.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rate(value unit)}: fires every {@code value} units, counted from the schedule's start.
 *
 * @param value how many units between two fire times, 1 or more
 * @param unit minutes, hours or days
 */
public record RateExpression(int value, RateUnit unit) implements ScheduleExpression {

  private static final Pattern SHAPE = Pattern.compile("(\\S+)\\s+(\\S+)");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

  public RateExpression {
    if (value < 1) {
      throw new IllegalArgumentException("a rate's value is 1 or more: " + value);
    }
  }

  /** The time between two fire times. */
  public Duration period() {
    return unit.duration().multipliedBy(value);
  }

  @Override
  public String text() {
    return "rate(" + value + " " + unit.word(value) + ")";
  }

  /** One period after {@code after}, which should be the previous fire time. */
  @Override
  public Optional<Instant> nextFireTime(Instant after) {
    return Optional.of(after.plus(period()));
  }

  static ScheduleParseResult parse(String expression, String body) {
    Matcher shape = SHAPE.matcher(body);
    if (!shape.matches()) {
      return invalid(
          expression,
          ScheduleField.EXPRESSION,
          expression,
          "a rate expression is rate(value unit), e.g. rate(5 minutes)");
    }
    String valueText = shape.group(1);
    String word = shape.group(2);
    if (!DIGITS.matcher(valueText).matches()) {
      return invalid(
          expression, ScheduleField.RATE_VALUE, valueText, "the value is a positive whole number");
    }
    long value = Long.parseLong(valueText);
    if (value < 1 || value > Integer.MAX_VALUE) {
      return invalid(
          expression,
          ScheduleField.RATE_VALUE,
          valueText,
          "the value is from 1 to " + Integer.MAX_VALUE);
    }
    Optional<RateUnit> unit = RateUnit.fromWord(word);
    if (unit.isEmpty()) {
      return invalid(
          expression,
          ScheduleField.RATE_UNIT,
          word,
          "the unit is one of minute, minutes, hour, hours, day, days");
    }
    String expected = unit.get().word(value);
    if (!word.equals(expected)) {
      return invalid(
          expression,
          ScheduleField.RATE_UNIT,
          word,
          (value == 1
                  ? "a value of 1 takes the singular unit '"
                  : "a value above 1 takes the plural unit '")
              + expected
              + "'");
    }
    return ScheduleParseResult.valid(new RateExpression((int) value, unit.get()));
  }

  private static ScheduleParseResult invalid(
      String expression, ScheduleField field, String token, String reason) {
    return ScheduleParseResult.invalid(
        new ScheduleExpressionError(expression, field, token, reason));
  }
}
