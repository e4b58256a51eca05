package io.pipeline.asl.parse;

/**
 * One finding about a definition, as AWS's ValidateStateMachineDefinition reports them.
 *
 * @param severity whether the definition can run despite it
 * @param code a stable code, e.g. {@code MISSING_NEXT}
 * @param message what is wrong
 * @param location where: a JSON Pointer into the definition, e.g. {@code /States/Check/Next}
 */
public record Diagnostic(Severity severity, String code, String message, String location) {

  /** How bad a finding is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Diagnostic error(String code, String message, String location) {
    return new Diagnostic(Severity.ERROR, code, message, location);
  }

  @Override
  public String toString() {
    return severity + " " + code + " at " + (location.isEmpty() ? "/" : location) + ": " + message;
  }
}
