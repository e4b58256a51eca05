package io.pipeline.asl.parse;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one validation, in the order they are found. */
final class Findings {

  private final List<Diagnostic> diagnostics = new ArrayList<>();

  void error(String code, String message, String location) {
    diagnostics.add(Diagnostic.error(code, message, location));
  }

  void warning(String code, String message, String location) {
    diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, code, message, location));
  }

  List<Diagnostic> list() {
    return List.copyOf(diagnostics);
  }
}
