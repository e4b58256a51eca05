package io.pipeline.asl.intrinsic;

import io.pipeline.asl.intrinsic.IntrinsicArgument.BooleanLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.JsonPathArgument;
import io.pipeline.asl.intrinsic.IntrinsicArgument.NullLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.NumberLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.StringLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.VariableArgument;
import io.pipeline.asl.path.JsonPaths;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for intrinsic function calls:
 *
 * <pre>
 * call     := 'States.' name '(' [argument (',' argument)*] ')'
 * argument := 'string' | number | true | false | null | path | call
 * </pre>
 *
 * Whitespace may surround arguments. A string literal escapes {@code ' { } \} with a backslash and
 * allows no other escape. Argument counts and types are checked when the call is evaluated, as AWS
 * does.
 */
final class IntrinsicParser {

  private static final String PREFIX = "States.";
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  static IntrinsicCall parse(String expression) {
    if (expression == null) {
      throw new IntrinsicSyntaxException("the expression is missing", "null", 0);
    }
    IntrinsicParser parser = new IntrinsicParser(expression);
    IntrinsicCall call = parser.call();
    parser.skipWhitespace();
    if (!parser.atEnd()) {
      throw parser.error("unexpected text after the call's closing ')'");
    }
    return new IntrinsicCall(call.function(), call.arguments(), expression);
  }

  private IntrinsicCall call() {
    int start = pos;
    if (!text.startsWith(PREFIX, pos)) {
      throw error("expected an intrinsic function such as States.Format");
    }
    pos += PREFIX.length();
    while (!atEnd() && Character.isLetterOrDigit(peek())) {
      pos++;
    }
    String name = text.substring(start, pos);
    IntrinsicFunction function =
        IntrinsicFunction.fromName(name)
            .orElseThrow(() -> error("unknown intrinsic function '" + name + "'", start));
    if (atEnd() || peek() != '(') {
      throw error("expected '(' after " + name);
    }
    pos++;
    List<IntrinsicArgument> arguments = new ArrayList<>();
    skipWhitespace();
    if (!atEnd() && peek() == ')') {
      pos++;
      return new IntrinsicCall(function, arguments, text.substring(start, pos));
    }
    while (true) {
      skipWhitespace();
      arguments.add(argument());
      skipWhitespace();
      if (atEnd()) {
        throw error("expected ',' or ')' but the expression ended");
      }
      char next = peek();
      pos++;
      if (next == ')') {
        return new IntrinsicCall(function, arguments, text.substring(start, pos));
      }
      if (next != ',') {
        throw error("expected ',' or ')' but found '" + next + "'", pos - 1);
      }
    }
  }

  private IntrinsicArgument argument() {
    if (atEnd()) {
      throw error("expected an argument but the expression ended");
    }
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '$') {
      return path();
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    if (text.startsWith(PREFIX, pos)) {
      return call();
    }
    if (Character.isLetter(c)) {
      return keyword();
    }
    throw error(
        "expected an argument (a 'string', a number, true, false, null, a path or a call) but"
            + " found '"
            + c
            + "'");
  }

  private StringLiteral string() {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw error("unterminated string literal", start);
      }
      char c = text.charAt(pos);
      if (c == '\'') {
        String raw = text.substring(start + 1, pos);
        pos++;
        return new StringLiteral(value.toString(), raw);
      }
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          throw error("unterminated string literal", start);
        }
        char escaped = text.charAt(pos + 1);
        if ("'{}\\".indexOf(escaped) < 0) {
          throw error(
              "invalid escape '\\" + escaped + "' (only \\', \\{, \\} and \\\\ are allowed)");
        }
        value.append(escaped);
        pos += 2;
      } else {
        value.append(c);
        pos++;
      }
    }
  }

  private NumberLiteral number() {
    Matcher matcher = NUMBER.matcher(text).region(pos, text.length());
    if (!matcher.lookingAt() || !isDelimiter(matcher.end())) {
      throw error("invalid number");
    }
    String literal = matcher.group();
    boolean integral = matcher.group(1) == null && matcher.group(2) == null;
    BigDecimal value;
    try {
      value = new BigDecimal(literal);
    } catch (NumberFormatException e) {
      throw error("number out of range");
    }
    pos = matcher.end();
    return new NumberLiteral(value, integral);
  }

  private IntrinsicArgument keyword() {
    int start = pos;
    while (!atEnd() && Character.isLetterOrDigit(peek())) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "true":
        return new BooleanLiteral(true);
      case "false":
        return new BooleanLiteral(false);
      case "null":
        return new NullLiteral();
      default:
        throw error(
            "unexpected '" + word + "': a string argument must be quoted with single quotes",
            start);
    }
  }

  private IntrinsicArgument path() {
    int start = pos;
    pos++;
    boolean variable = !atEnd() && (Character.isLetter(peek()) || peek() == '_') && peek() != '$';
    int nameEnd = pos;
    if (variable) {
      while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        pos++;
      }
      nameEnd = pos;
    }
    scanPathRest(start);
    String written = text.substring(start, pos);
    if (variable) {
      String name = text.substring(start + 1, nameEnd);
      String inner = "$" + text.substring(nameEnd, pos);
      if (!JsonPaths.isValid(inner)) {
        throw error("invalid path '" + written + "'", start);
      }
      return new VariableArgument(name, inner);
    }
    if (!JsonPaths.isValid(written)) {
      throw error("invalid path '" + written + "'", start);
    }
    return new JsonPathArgument(written);
  }

  /** Advances to the end of a path: a ',' or ')' or whitespace outside brackets and quotes. */
  private void scanPathRest(int start) {
    int depth = 0;
    char quote = 0;
    while (!atEnd()) {
      char c = peek();
      if (quote != 0) {
        if (c == '\\') {
          pos++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '\'' || c == '"') && depth > 0) {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        if (depth == 0) {
          return;
        }
        depth--;
      } else if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
        return;
      }
      pos++;
    }
    if (depth > 0 || quote != 0) {
      throw error("unterminated path", start);
    }
  }

  private boolean isDelimiter(int index) {
    if (index >= text.length()) {
      return true;
    }
    char c = text.charAt(index);
    return c == ',' || c == ')' || Character.isWhitespace(c);
  }

  private void skipWhitespace() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private IntrinsicSyntaxException error(String problem) {
    return error(problem, pos);
  }

  private IntrinsicSyntaxException error(String problem, int at) {
    return new IntrinsicSyntaxException(problem, text, at);
  }
}
