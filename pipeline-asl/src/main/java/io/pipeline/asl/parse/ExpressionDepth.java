package io.pipeline.asl.parse;

/**
 * Guards the recursive parsers of paths and intrinsic calls against expressions nested so deep that
 * they would overflow the stack: {@code IntrinsicParser} and Jayway's path compiler both throw
 * StackOverflowError at a few thousand levels, which a 1 MiB definition can hold.
 */
final class ExpressionDepth {

  /** The deepest nesting of brackets and parentheses handed to a parser. */
  static final int MAX = 256;

  private ExpressionDepth() {}

  /**
   * Whether an expression nests brackets or parentheses more than {@link #MAX} levels deep, outside
   * quoted strings.
   */
  static boolean tooDeep(String expression) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[') {
        if (++depth > MAX) {
          return true;
        }
      } else if (c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
    }
    return false;
  }
}
