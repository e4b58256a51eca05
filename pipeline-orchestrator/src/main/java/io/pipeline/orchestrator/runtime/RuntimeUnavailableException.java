package io.pipeline.orchestrator.runtime;

/** The runtime cannot answer now (starting, rebalancing): the caller should try again. */
public final class RuntimeUnavailableException extends RuntimeException {

  public RuntimeUnavailableException(String message) {
    super(message);
  }
}
