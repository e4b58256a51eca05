package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;

/**
 * Sees what the interpreter does inside a state: each document its input and output processing
 * makes, and how Retry and Catch handle its failure. The runtimes run with {@link #NONE}, which
 * sees nothing; a state test (TestState, {@link StateTrial}) records them. The interpreter calls
 * each method where it computes the value anyway, so watching costs the runtimes nothing but the
 * calls to {@link #NONE}.
 */
public interface Inspector {

  /** Sees nothing. */
  Inspector NONE = new Inspector() {};

  /** JSONPath: the state's input after {@code InputPath}. */
  default void afterInputPath(JsonNode value) {}

  /**
   * JSONPath: the effective input after {@code Parameters} (the input after {@code InputPath} when
   * there are none); for a Pass state, its result.
   */
  default void afterParameters(JsonNode value) {}

  /** JSONata: the effective input after {@code Arguments}. */
  default void afterArguments(JsonNode value) {}

  /** The result: a task's, or a Pass state's {@code Result}. */
  default void result(JsonNode value) {}

  /** JSONPath: the result after {@code ResultSelector} (the result when there is none). */
  default void afterResultSelector(JsonNode value) {}

  /** JSONPath: the state's input with the result placed by {@code ResultPath}. */
  default void afterResultPath(JsonNode value) {}

  /**
   * A retrier of the state takes its failure: the state runs again after the back-off.
   *
   * @param retryIndex the retrier's index in {@code Retry}
   * @param backoffMillis how long the retry waits
   * @param failure the error and cause
   */
  default void retrying(int retryIndex, long backoffMillis, StateFailure failure) {}

  /**
   * A catcher of the state takes its failure: the state goes on to the catcher's {@code Next}.
   *
   * @param catchIndex the catcher's index in {@code Catch}
   * @param failure the error and cause
   */
  default void caught(int catchIndex, StateFailure failure) {}
}
