package io.pipeline.asl.inspect;

import io.pipeline.asl.parse.Diagnostic;
import java.util.List;
import java.util.Objects;

/** A state test's answer: the state ran, or the test was refused and why. */
public sealed interface StateTestOutcome {

  /** The state ran. */
  record Tested(StateTestResult result) implements StateTestOutcome {

    public Tested {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * The test was refused: nothing ran.
   *
   * @param reason what is wrong
   * @param message what is wrong, and where
   * @param diagnostics for a definition, each problem with its JSON Pointer; empty otherwise
   */
  record Refused(Reason reason, String message, List<Diagnostic> diagnostics)
      implements StateTestOutcome {

    /** What a refused test got wrong. */
    public enum Reason {
      /** The definition is not a valid state, or one TestState cannot test. */
      INVALID_DEFINITION,
      /** The input or the variables are not what they must be. */
      INVALID_INPUT,
      /** The rest of the request: the mock, the role, a state that needs a mock. */
      INVALID_REQUEST
    }

    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      diagnostics = List.copyOf(diagnostics);
    }
  }
}
