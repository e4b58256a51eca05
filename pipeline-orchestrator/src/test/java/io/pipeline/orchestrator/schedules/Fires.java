package io.pipeline.orchestrator.schedules;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helpers: parse a valid expression, list its next fire times. */
final class Fires {

  private Fires() {}

  static ScheduleExpression expression(String text) {
    return ScheduleExpression.parse(text).orElseThrow();
  }

  static ScheduleExpression expression(String text, String zone) {
    return ScheduleExpression.parse(text, zone).orElseThrow();
  }

  static ScheduleExpressionError error(String text) {
    return error(text, "UTC");
  }

  static ScheduleExpressionError error(String text, String zone) {
    ScheduleParseResult result = ScheduleExpression.parse(text, zone);
    if (result.isValid()) {
      throw new AssertionError(text + " was accepted");
    }
    return result.error().orElseThrow();
  }

  static Instant utc(String time) {
    return Instant.parse(time);
  }

  /**
   * An instant given as a wall-clock time in a zone, e.g. ("2026-03-29T01:00", "Europe/Berlin").
   */
  static Instant local(String time, String zone) {
    return LocalDateTime.parse(time).atZone(ZoneId.of(zone)).toInstant();
  }

  /** The next {@code count} fire times after {@code after}, as UTC instants in ISO text. */
  static List<String> next(ScheduleExpression expression, Instant after, int count) {
    List<String> times = new ArrayList<>();
    Instant from = after;
    for (int i = 0; i < count; i++) {
      Optional<Instant> next = expression.nextFireTime(from);
      if (next.isEmpty()) {
        break;
      }
      times.add(next.get().toString());
      from = next.get();
    }
    return times;
  }

  /** The next {@code count} fire times as wall-clock times with offsets in the zone. */
  static List<String> nextLocal(
      ScheduleExpression expression, Instant after, int count, String zone) {
    return next(expression, after, count).stream()
        .map(time -> Instant.parse(time).atZone(ZoneId.of(zone)).toOffsetDateTime().toString())
        .toList();
  }
}
