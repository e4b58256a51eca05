package io.pipeline.asl.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code StringMatches} pattern: {@code *} matches any run of characters (also none), {@code \*}
 * a literal star and {@code \\} a literal backslash. No other character is special: a backslash
 * before anything else, or at the end, stands for itself. The whole string must match.
 */
final class WildcardPattern {

  /** The literal parts between the stars; one part when the pattern has no star. */
  private final List<String> parts;

  private WildcardPattern(List<String> parts) {
    this.parts = List.copyOf(parts);
  }

  /** Reads a pattern as written in the rule (after JSON unescaping). */
  static WildcardPattern compile(String pattern) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      boolean escapes =
          c == '\\'
              && i + 1 < pattern.length()
              && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\');
      if (escapes) {
        part.append(pattern.charAt(++i));
      } else if (c == '*') {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return new WildcardPattern(parts);
  }

  /** Whether the whole text matches. */
  boolean matches(String text) {
    String first = parts.get(0);
    if (parts.size() == 1) {
      return text.equals(first);
    }
    String last = parts.get(parts.size() - 1);
    if (text.length() < first.length() + last.length()
        || !text.startsWith(first)
        || !text.endsWith(last)) {
      return false;
    }
    int from = first.length();
    int end = text.length() - last.length();
    for (String middle : parts.subList(1, parts.size() - 1)) {
      int at = text.indexOf(middle, from);
      if (at < 0 || at + middle.length() > end) {
        return false;
      }
      from = at + middle.length();
    }
    return true;
  }
}
