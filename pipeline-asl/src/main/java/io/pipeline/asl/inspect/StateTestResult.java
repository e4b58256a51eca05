package io.pipeline.asl.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What testing a state gave, as TestState answers.
 *
 * @param status how the state ended
 * @param output its output, unless it failed or waits for a retry
 * @param error the error of a failure (FAILED, RETRIABLE, CAUGHT_ERROR)
 * @param cause the cause of a failure
 * @param nextState where it goes next, unless it ended its state machine, failed or waits for a
 *     retry
 * @param inspection the data of its processing, at {@link InspectionLevel#DEBUG} and above
 */
public record StateTestResult(
    TestStatus status,
    Optional<JsonNode> output,
    Optional<String> error,
    Optional<String> cause,
    Optional<String> nextState,
    Optional<Inspection> inspection) {

  public StateTestResult {
    Objects.requireNonNull(status, "status");
  }
}
