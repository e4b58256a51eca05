package io.pipeline.examples.bank;

import java.util.List;
import java.util.Optional;

/**
 * What checking a value against rules gave: the value, normalized, or every rule it breaks.
 *
 * @param value the normalized value when no rule is broken
 * @param problems the rules broken, in words; empty when the value is valid
 */
public record Checked<T>(Optional<T> value, List<String> problems) {

  public Checked {
    problems = List.copyOf(problems);
    if (value.isPresent() != problems.isEmpty()) {
      throw new IllegalArgumentException("a checked value has a value or problems, not both");
    }
  }

  /** A valid value. */
  public static <T> Checked<T> valid(T value) {
    return new Checked<>(Optional.of(value), List.of());
  }

  /** An invalid value and why. */
  public static <T> Checked<T> invalid(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid value needs a problem");
    }
    return new Checked<>(Optional.empty(), problems);
  }

  /** Whether the value breaks no rule. */
  public boolean isValid() {
    return value.isPresent();
  }

  /** The problems as one cause, e.g. for a task failure. */
  public String cause() {
    return String.join("; ", problems);
  }
}
