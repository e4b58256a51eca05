package io.pipeline.orchestrator.machines;

/** The name is taken by another definition; Step Functions' {@code StateMachineAlreadyExists}. */
public final class StateMachineAlreadyExistsException extends RuntimeException {

  public StateMachineAlreadyExistsException(String message) {
    super(message, null, false, false);
  }
}
