package io.pipeline.common.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads ISO-8601 instants as {@link Instant#parse} does, faster for the shape nearly every record
 * carries: {@code 2026-01-31T12:00:00Z} with no fraction or a fraction of 1 to 9 digits, read field
 * by field. {@link Instant#parse}'s general parser took a third of a CSV load's time and a seventh
 * of a telemetry reading's; any other shape (offsets, leap seconds, years past 9999) still goes to
 * it, and so does the end of a day written 24:00:00, so the answers and errors are its own.
 */
public final class IsoInstants {

  private static final int SHORTEST = "2026-01-31T12:00:00Z".length();

  private IsoInstants() {}

  /**
   * An ISO-8601 instant.
   *
   * @throws DateTimeParseException as {@link Instant#parse} does, when the text is not one
   */
  public static Instant parse(CharSequence text) {
    int length = text.length();
    if (length >= SHORTEST
        && length <= SHORTEST + 10
        && length != SHORTEST + 1
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && (length == SHORTEST || text.charAt(19) == '.')
        && text.charAt(length - 1) == 'Z') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 2);
      int day = digits(text, 8, 2);
      int hour = digits(text, 11, 2);
      int minute = digits(text, 14, 2);
      int second = digits(text, 17, 2);
      int fraction = length == SHORTEST ? 0 : digits(text, 20, length - SHORTEST - 1);
      if ((year | month | day | hour | minute | second | fraction) >= 0
          && hour < 24
          && second < 60) {
        int nanos = fraction;
        for (int scale = length - SHORTEST - 1; scale > 0 && scale < 9; scale++) {
          nanos *= 10;
        }
        try {
          return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
              .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
          throw new DateTimeParseException(
              "Text '" + text + "' could not be parsed: " + e.getMessage(), text, 0, e);
        }
      }
    }
    return Instant.parse(text);
  }

  /** The number the digits at {@code from} spell, or -1 if one is not a digit. */
  private static int digits(CharSequence text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
