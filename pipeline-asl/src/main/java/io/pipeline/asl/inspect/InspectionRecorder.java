package io.pipeline.asl.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.interpreter.Inspector;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Records what the interpreter shows of a tested state, for its {@link Inspection}. */
final class InspectionRecorder implements Inspector {

  private JsonNode afterInputPath;
  private JsonNode afterParameters;
  private JsonNode afterArguments;
  private JsonNode result;
  private JsonNode afterResultSelector;
  private JsonNode afterResultPath;
  private Integer catchIndex;
  private Integer retryIndex;
  private Long retryBackoffSeconds;
  private StateFailure failure;

  @Override
  public void afterInputPath(JsonNode value) {
    afterInputPath = value;
  }

  @Override
  public void afterParameters(JsonNode value) {
    afterParameters = value;
  }

  @Override
  public void afterArguments(JsonNode value) {
    afterArguments = value;
  }

  @Override
  public void result(JsonNode value) {
    result = value;
  }

  @Override
  public void afterResultSelector(JsonNode value) {
    afterResultSelector = value;
  }

  @Override
  public void afterResultPath(JsonNode value) {
    afterResultPath = value;
  }

  @Override
  public void retrying(int index, long backoffMillis, StateFailure retried) {
    retryIndex = index;
    retryBackoffSeconds = Math.round(backoffMillis / 1000.0);
    failure = retried;
  }

  @Override
  public void caught(int index, StateFailure caught) {
    catchIndex = index;
    failure = caught;
  }

  /** Whether a retrier took the state's failure. */
  boolean retrying() {
    return retryIndex != null;
  }

  /** Whether a catcher took the state's failure. */
  boolean caught() {
    return catchIndex != null;
  }

  /** The failure a retrier or catcher took. */
  Optional<StateFailure> handledFailure() {
    return Optional.ofNullable(failure);
  }

  /**
   * The inspection of the state.
   *
   * @param input the state's input
   * @param variables the workflow variables after it
   * @param resultOnly whether the state's result is given rather than made from its input (a Pass
   *     state with {@code Result}), which Step Functions shows without the input's processing
   */
  Inspection inspection(JsonNode input, Map<String, JsonNode> variables, boolean resultOnly) {
    Optional<Inspection.ErrorDetails> errorDetails =
        catchIndex == null && retryIndex == null
            ? Optional.empty()
            : Optional.of(
                new Inspection.ErrorDetails(
                    Optional.ofNullable(catchIndex),
                    Optional.ofNullable(retryIndex),
                    Optional.ofNullable(retryBackoffSeconds)));
    return new Inspection(
        input,
        resultOnly ? Optional.empty() : Optional.ofNullable(afterInputPath),
        resultOnly ? Optional.empty() : Optional.ofNullable(afterParameters),
        Optional.ofNullable(afterArguments),
        Optional.ofNullable(result),
        Optional.ofNullable(afterResultSelector),
        Optional.ofNullable(afterResultPath),
        variables.isEmpty() ? Optional.empty() : Optional.of(object(variables)),
        errorDetails);
  }

  /** The variables as one object, in name order so that answers are stable. */
  private static ObjectNode object(Map<String, JsonNode> variables) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    new TreeMap<>(variables).forEach(object::set);
    return object;
  }
}
