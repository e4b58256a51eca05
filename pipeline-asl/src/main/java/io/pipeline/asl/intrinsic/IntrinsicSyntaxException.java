package io.pipeline.asl.intrinsic;

/**
 * An intrinsic function call that cannot be parsed. The message says what is wrong and at which
 * character (counted from 1), so the validator can report it as it is.
 */
public final class IntrinsicSyntaxException extends IllegalArgumentException {

  private final String expression;
  private final int position;

  /**
   * @param problem what is wrong, e.g. {@code expected ',' or ')' but found 'x'}
   * @param expression the whole expression
   * @param position the 0-based index of the offending character
   */
  public IntrinsicSyntaxException(String problem, String expression, int position) {
    super(
        "Invalid intrinsic function call: "
            + problem
            + " at character "
            + (position + 1)
            + " of "
            + expression);
    this.expression = expression;
    this.position = position;
  }

  /** The expression that failed to parse. */
  public String expression() {
    return expression;
  }

  /** The 0-based index of the offending character; the length of the text when it ended early. */
  public int position() {
    return position;
  }
}
