package io.pipeline.common.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One documented setting: its name (an environment variable, or a system property of the same
 * name), what it means, its default, and how its text is parsed. A parser throws {@link
 * IllegalArgumentException} with what it expected; {@link Settings} adds the name.
 *
 * @param name the variable name, e.g. {@code S3_LISTING_INTERVAL}
 * @param doc what the setting does
 * @param defaultValue the value when the setting is absent; empty means it is required
 * @param parser turns the text into a value
 * @param <T> the value type
 */
public record Setting<T>(
    String name, String doc, Optional<String> defaultValue, Function<String, T> parser) {

  public Setting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(parser, "parser");
  }

  /** A text setting. */
  public static Setting<String> string(String name, String defaultValue, String doc) {
    return new Setting<>(name, doc, Optional.ofNullable(defaultValue), s -> s);
  }

  /** A required text setting. */
  public static Setting<String> requiredString(String name, String doc) {
    return new Setting<>(name, doc, Optional.empty(), s -> s);
  }

  /** An optional text setting: absent or blank is empty. */
  public static Setting<Optional<String>> optionalString(String name, String doc) {
    return new Setting<>(
        name, doc, Optional.of(""), s -> Optional.of(s.trim()).filter(v -> !v.isEmpty()));
  }

  /** A whole number within bounds. */
  public static Setting<Integer> integer(
      String name, int defaultValue, int min, int max, String doc) {
    return new Setting<>(
        name,
        doc,
        Optional.of(String.valueOf(defaultValue)),
        s -> {
          int value;
          try {
            value = Integer.parseInt(s.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
          }
          if (value < min || value > max) {
            throw new IllegalArgumentException("expected a number from " + min + " to " + max);
          }
          return value;
        });
  }

  /** A positive duration such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
  public static Setting<Duration> duration(String name, String defaultValue, String doc) {
    return new Setting<>(name, doc, Optional.of(defaultValue), Durations::parse);
  }

  /** A comma-separated list; blanks are dropped. */
  public static Setting<List<String>> list(String name, String defaultValue, String doc) {
    return new Setting<>(
        name,
        doc,
        Optional.of(defaultValue),
        s -> Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList());
  }

  /** {@code true} or {@code false}. */
  public static Setting<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new Setting<>(
        name,
        doc,
        Optional.of(String.valueOf(defaultValue)),
        s ->
            switch (s.trim()) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new IllegalArgumentException("expected true or false");
            });
  }

  /** One of a few words, e.g. {@code at_least_once} or {@code exactly_once_v2}. */
  public static Setting<String> oneOf(
      String name, String defaultValue, List<String> values, String doc) {
    return new Setting<>(
        name,
        doc,
        Optional.of(defaultValue),
        s -> {
          if (!values.contains(s.trim())) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", values));
          }
          return s.trim();
        });
  }

  /** The same setting with another parser applied to its value. */
  public <R> Setting<R> map(Function<T, R> then) {
    return new Setting<>(name, doc, defaultValue, parser.andThen(then));
  }
}
