package io.pipeline.transform.express;

import java.util.Objects;

/** How one record's execution ended: its output, or why there is none. */
public sealed interface StepOutcome {

  /** The execution's ARN, derived from the step and the record's place in the log. */
  String executionArn();

  /**
   * The execution succeeded.
   *
   * @param output its output, as JSON text in UTF-8
   */
  record Succeeded(String executionArn, byte[] output) implements StepOutcome {

    public Succeeded {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * The record did not give an output: it is not an execution's input, or its execution failed.
   *
   * @param error the error name, e.g. {@code States.DataLimitExceeded} or a Fail state's
   * @param cause what happened, for a person to read; may be empty
   */
  record Failed(String executionArn, String error, String cause) implements StepOutcome {

    public Failed {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }

    /** The error and its cause, as a dead letter's reason: {@code <error>: <cause>}. */
    public String reason() {
      return cause.isEmpty() ? error : error + ": " + cause;
    }
  }
}
