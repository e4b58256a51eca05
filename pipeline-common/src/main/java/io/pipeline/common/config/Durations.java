package io.pipeline.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people write them: {@code 250ms}, {@code 10s}, {@code 5m}, {@code 2h}. */
public final class Durations {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a positive duration, written with a unit ({@code 10s}) or in ISO-8601 ({@code PT10S}).
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static Duration parse(String text) {
    String value = text.trim();
    Matcher simple = SIMPLE.matcher(value);
    Duration duration;
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      duration =
          switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    } else {
      try {
        duration = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "expected a duration such as 500ms, 10s, 5m, 1h or PT10S");
      }
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("expected a duration greater than zero");
    }
    return duration;
  }
}
