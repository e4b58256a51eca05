package io.pipeline.orchestrator.machines;

import java.util.Objects;

/**
 * What a change to versions or aliases came to: done, with what it wrote (or found already
 * written), or refused, with the reason and a message that says what is wrong and where.
 *
 * @param <T> what a done change gives
 */
public sealed interface Outcome<T> {

  /** Why a change was refused. */
  enum Refusal {
    /** The change would leave the versions and aliases inconsistent, e.g. a routed version gone. */
    CONFLICT,
    /** A version or alias it names does not exist. */
    NOT_FOUND,
    /** The state machine has as many versions or aliases as it may have. */
    QUOTA_EXCEEDED
  }

  /** The change is done. */
  record Done<T>(T value) implements Outcome<T> {
    public Done {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The change was refused; nothing was written. */
  record Refused<T>(Refusal refusal, String message) implements Outcome<T> {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(message, "message");
    }
  }

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  static <T> Outcome<T> refused(Refusal refusal, String message) {
    return new Refused<>(refusal, message);
  }
}
