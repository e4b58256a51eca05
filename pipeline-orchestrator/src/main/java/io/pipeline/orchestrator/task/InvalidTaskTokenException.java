package io.pipeline.orchestrator.task;

/**
 * A task token that this service did not issue or that was altered; the API answers it with Step
 * Functions' {@code InvalidToken}.
 */
public final class InvalidTaskTokenException extends RuntimeException {

  public InvalidTaskTokenException(String message) {
    super(message, null, false, false);
  }
}
