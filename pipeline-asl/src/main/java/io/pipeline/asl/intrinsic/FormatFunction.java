package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * {@code States.Format(template, values...)}: each {@code {}} in the template takes the next value;
 * there must be exactly as many values as placeholders. A string is inserted as it is, any other
 * value in its Java text ({@code {Arg1=1, Arg2=[]}}, {@code null}). {@code \{}, {@code \}}, {@code
 * \'} and {@code \\} stand for the character itself; any other brace makes the template invalid.
 */
final class FormatFunction {

  private FormatFunction() {}

  /**
   * @param args the evaluated arguments, the template first
   * @param template the template with its escapes still in place: a literal's raw text, or the
   *     string a path named
   */
  static JsonNode format(FunctionArguments args, String template) {
    List<JsonNode> values = args.values().subList(1, args.size());
    StringBuilder result = new StringBuilder(template.length());
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\' && i + 1 < template.length() && "'{}\\".indexOf(template.charAt(i + 1)) >= 0) {
        result.append(template.charAt(++i));
      } else if (c == '{') {
        if (i + 1 >= template.length() || template.charAt(i + 1) != '}' || next >= values.size()) {
          throw args.invalid();
        }
        result.append(JavaText.of(values.get(next++)));
        i++;
      } else if (c == '}') {
        throw args.invalid();
      } else {
        result.append(c);
      }
    }
    if (next != values.size()) {
      throw args.invalid();
    }
    return TextNode.valueOf(result.toString());
  }
}
