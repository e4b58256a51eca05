package io.pipeline.asl.model;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a state's {@code Retry}.
 *
 * @param errorEquals the errors it retries
 * @param intervalSeconds seconds before the first retry
 * @param maxAttempts retries at most
 * @param backoffRate multiplier of the interval per attempt
 * @param maxDelaySeconds cap of the interval
 * @param jitter whether the interval is randomized
 */
public record Retrier(
    List<String> errorEquals,
    int intervalSeconds,
    int maxAttempts,
    double backoffRate,
    Optional<Integer> maxDelaySeconds,
    Jitter jitter) {

  /** {@code JitterStrategy}. */
  public enum Jitter {
    NONE,
    FULL
  }

  public Retrier {
    errorEquals = List.copyOf(errorEquals);
  }
}
