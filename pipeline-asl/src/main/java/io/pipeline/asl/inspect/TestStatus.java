package io.pipeline.asl.inspect;

/** How a tested state ended, as TestState reports it. */
public enum TestStatus {
  /** It ran: it goes on to its next state, or ends its state machine. */
  SUCCEEDED,
  /** It failed, and neither a retrier nor a catcher took the failure. */
  FAILED,
  /** It failed and a retrier took the failure: it would run again. */
  RETRIABLE,
  /** It failed and a catcher took the failure: it goes on to the catcher's next state. */
  CAUGHT_ERROR
}
