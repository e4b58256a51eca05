package io.pipeline.asl.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The data at each step of a tested state's input and output processing, as TestState shows it at
 * {@link InspectionLevel#DEBUG}. A step the state does not take is missing.
 *
 * @param input the state's input
 * @param afterInputPath JSONPath: after {@code InputPath}
 * @param afterParameters JSONPath: after {@code Parameters}
 * @param afterArguments JSONata: after {@code Arguments}
 * @param result the task's result, or a Pass state's {@code Result}
 * @param afterResultSelector JSONPath: after {@code ResultSelector}
 * @param afterResultPath JSONPath: after {@code ResultPath}
 * @param variables the workflow variables after the state (given and assigned), when there are any
 * @param errorDetails which retrier or catcher took the state's failure
 */
public record Inspection(
    JsonNode input,
    Optional<JsonNode> afterInputPath,
    Optional<JsonNode> afterParameters,
    Optional<JsonNode> afterArguments,
    Optional<JsonNode> result,
    Optional<JsonNode> afterResultSelector,
    Optional<JsonNode> afterResultPath,
    Optional<JsonNode> variables,
    Optional<ErrorDetails> errorDetails) {

  public Inspection {
    Objects.requireNonNull(input, "input");
  }

  /**
   * Which retrier or catcher took a tested state's failure.
   *
   * @param catchIndex the catcher's index in {@code Catch}
   * @param retryIndex the retrier's index in {@code Retry}
   * @param retryBackoffIntervalSeconds how long the retrier waits before the state runs again
   */
  public record ErrorDetails(
      Optional<Integer> catchIndex,
      Optional<Integer> retryIndex,
      Optional<Long> retryBackoffIntervalSeconds) {}
}
