package io.pipeline.orchestrator.schedules;

import java.time.Duration;
import java.util.Optional;

/** The unit of a rate expression. A day is 24 hours, whatever the clocks do. */
public enum RateUnit {
  MINUTES("minute", Duration.ofMinutes(1)),
  HOURS("hour", Duration.ofHours(1)),
  DAYS("day", Duration.ofHours(24));

  private final String singular;
  private final Duration duration;

  RateUnit(String singular, Duration duration) {
    this.singular = singular;
    this.duration = duration;
  }

  public Duration duration() {
    return duration;
  }

  /** The word AWS wants with a value: singular for 1 ({@code minute}), plural above. */
  public String word(long value) {
    return value == 1 ? singular : singular + "s";
  }

  static Optional<RateUnit> fromWord(String word) {
    for (RateUnit unit : values()) {
      if (word.equals(unit.singular) || word.equals(unit.singular + "s")) {
        return Optional.of(unit);
      }
    }
    return Optional.empty();
  }
}
