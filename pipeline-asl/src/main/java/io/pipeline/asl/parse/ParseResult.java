package io.pipeline.asl.parse;

import io.pipeline.asl.model.StateMachine;
import java.util.List;
import java.util.Optional;

/**
 * What parsing a definition gave: the state machine when it has no errors, and every diagnostic.
 *
 * @param stateMachine the model, present when no diagnostic is an error
 * @param diagnostics every finding, in the order of the definition
 */
public record ParseResult(Optional<StateMachine> stateMachine, List<Diagnostic> diagnostics) {

  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean isValid() {
    return stateMachine.isPresent();
  }
}
