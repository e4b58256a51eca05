package io.pipeline.orchestrator.machines;

import io.pipeline.asl.parse.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/** A definition the engine refuses; Step Functions answers it with {@code InvalidDefinition}. */
public final class InvalidDefinitionException extends RuntimeException {

  private final List<Diagnostic> diagnostics;

  public InvalidDefinitionException(List<Diagnostic> diagnostics) {
    super(
        "Invalid State Machine Definition: "
            + diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("; ")),
        null,
        false,
        false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** What is wrong, and where. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
