package io.pipeline.orchestrator.schedules;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code at(yyyy-mm-ddThh:mm:ss)}: fires once, at a wall-clock time in a time zone.
 *
 * @param time the wall-clock time
 * @param timeZone the zone it is read in
 */
public record AtExpression(LocalDateTime time, ZoneId timeZone) implements ScheduleExpression {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern SHAPE =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}");

  /**
   * The instant it fires. A time the clocks skip fires as late as they moved (02:30 on a night that
   * jumps from 02:00 to 03:00 fires at 03:30); a time they repeat fires at its first occurrence.
   */
  public Instant fireTime() {
    return ZonedDateTime.of(time, timeZone).toInstant();
  }

  @Override
  public String text() {
    return "at(" + FORMAT.format(time) + ")";
  }

  /** The fire time while it is after {@code after}; empty once it has passed. */
  @Override
  public Optional<Instant> nextFireTime(Instant after) {
    Instant fireTime = fireTime();
    return fireTime.isAfter(after) ? Optional.of(fireTime) : Optional.empty();
  }

  static ScheduleParseResult parse(String expression, String body, ZoneId zone) {
    if (!SHAPE.matcher(body).matches()) {
      return invalid(expression, body, "expected yyyy-mm-ddThh:mm:ss, e.g. 2026-03-01T08:30:00");
    }
    try {
      return ScheduleParseResult.valid(new AtExpression(LocalDateTime.parse(body, FORMAT), zone));
    } catch (DateTimeParseException e) {
      String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      return invalid(expression, body, "not a date and time that exists: " + cause);
    }
  }

  private static ScheduleParseResult invalid(String expression, String token, String reason) {
    return ScheduleParseResult.invalid(
        new ScheduleExpressionError(expression, ScheduleField.AT_TIME, token, reason));
  }
}
