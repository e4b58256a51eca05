package io.pipeline.cli.demo;

/** A stage of the demo did not come out as it should: what was expected and what happened. */
public final class DemoException extends RuntimeException {

  public DemoException(String message) {
    super(message);
  }
}
