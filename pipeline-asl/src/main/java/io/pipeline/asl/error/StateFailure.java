package io.pipeline.asl.error;

import java.util.Objects;

/**
 * A state failed with an ASL error name and cause, e.g. {@code States.Runtime}. Evaluation code
 * (paths, intrinsic functions, JSONata, Choice rules) throws it; the interpreter catches it at the
 * state's boundary, where Retry and Catch decide what follows and it becomes a history event. It
 * never escapes the engine.
 */
public final class StateFailure extends RuntimeException {

  private final String error;
  private final String cause;

  /**
   * @param error the error name, e.g. {@code States.Runtime}
   * @param cause the human-readable cause
   */
  public StateFailure(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = Objects.requireNonNull(error, "error");
    this.cause = Objects.requireNonNull(cause, "cause");
  }

  /** {@code States.Runtime}: the definition met data it cannot handle. */
  public static StateFailure runtime(String cause) {
    return new StateFailure(StatesErrors.RUNTIME, cause);
  }

  /** {@code States.IntrinsicFailure}: an intrinsic function failed. */
  public static StateFailure intrinsic(String cause) {
    return new StateFailure(StatesErrors.INTRINSIC_FAILURE, cause);
  }

  /** {@code States.QueryEvaluationError}: a JSONata expression failed. */
  public static StateFailure queryEvaluation(String cause) {
    return new StateFailure(StatesErrors.QUERY_EVALUATION_ERROR, cause);
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  /** The same error with its cause prefixed, e.g. with the state it happened in. */
  public StateFailure withCausePrefix(String prefix) {
    return new StateFailure(error, prefix + cause);
  }
}
