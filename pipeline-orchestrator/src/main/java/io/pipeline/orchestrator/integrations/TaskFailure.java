package io.pipeline.orchestrator.integrations;

import java.util.Objects;

/**
 * A call that failed, with the error name and cause a Task state sees, as AWS names them (e.g.
 * {@code S3.NoSuchKeyException}, {@code States.Http.StatusCode.404}, {@code States.Timeout}).
 */
public final class TaskFailure extends RuntimeException {

  private final String error;

  public TaskFailure(String error, String cause) {
    super(cause, null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  public TaskFailure(String error, String cause, Throwable reason) {
    super(cause, reason, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The error name Retry and Catch match. */
  public String error() {
    return error;
  }

  /** The cause: what happened, for people. */
  public String cause() {
    return getMessage() == null ? "" : getMessage();
  }
}
