package io.pipeline.orchestrator.machines;

/** A state machine name Step Functions would refuse; its {@code InvalidName}. */
public final class InvalidNameException extends IllegalArgumentException {

  public InvalidNameException(String message) {
    super(message);
  }
}
