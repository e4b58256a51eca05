package io.pipeline.client.worker;

/** Fails a task with an error name and a cause, as SendTaskFailure does. */
public final class TaskFailedException extends Exception {

  private final String error;

  /**
   * @param error the error name, matched by the Task state's Retry and Catch
   * @param cause what happened, for people
   */
  public TaskFailedException(String error, String cause) {
    super(cause);
    this.error = error;
  }

  public String error() {
    return error;
  }
}
