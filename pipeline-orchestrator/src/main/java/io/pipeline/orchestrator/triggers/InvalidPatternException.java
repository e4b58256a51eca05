package io.pipeline.orchestrator.triggers;

/** An event pattern EventBridge would refuse, with where in the pattern the problem is. */
public final class InvalidPatternException extends IllegalArgumentException {

  private final String pointer;
  private final String reason;

  /**
   * @param pointer a JSON pointer into the pattern ({@code ""} for the pattern itself)
   * @param reason what is wrong there
   */
  public InvalidPatternException(String pointer, String reason) {
    super((pointer.isEmpty() ? "the pattern" : "at " + pointer) + ": " + reason);
    this.pointer = pointer;
    this.reason = reason;
  }

  /** A JSON pointer (RFC 6901) into the pattern, e.g. {@code /key/0/prefix}; empty for the root. */
  public String pointer() {
    return pointer;
  }

  /** What is wrong, in Event Ruler's words. */
  public String reason() {
    return reason;
  }
}
