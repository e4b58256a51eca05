package io.pipeline.client;

import java.time.Instant;

/**
 * The runtime's answer to a command.
 *
 * @param error null when the command was applied; else the Step Functions error type
 * @param message what was wrong
 * @param startDate for a start: when the execution started; for a stop: when it stopped
 */
public record Verdict(String error, String message, Instant startDate) {

  public static Verdict applied(Instant date) {
    return new Verdict(null, null, date);
  }

  public static Verdict rejected(String error, String message) {
    return new Verdict(error, message, null);
  }

  /** Whether the command was applied. */
  public boolean isApplied() {
    return error == null;
  }
}
