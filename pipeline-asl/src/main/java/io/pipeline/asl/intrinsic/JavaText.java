package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value written the way Java's {@code toString} writes the maps and lists AWS holds it in:
 * {@code {Arg1=1, Arg2=[]}}, {@code [a, 1]}, strings without quotes, {@code null}. {@code
 * States.Format} inserts values in this form, and {@code States.ArrayContains} compares them in it.
 */
final class JavaText {

  private JavaText() {}

  static String of(JsonNode value) {
    StringBuilder text = new StringBuilder();
    append(value, text);
    return text.toString();
  }

  private static void append(JsonNode value, StringBuilder text) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      text.append("null");
    } else if (value.isTextual()) {
      text.append(value.textValue());
    } else if (value.isIntegralNumber()) {
      text.append(value.bigIntegerValue());
    } else if (value.isNumber()) {
      text.append(value.doubleValue());
    } else if (value.isArray()) {
      text.append('[');
      for (Iterator<JsonNode> items = value.elements(); items.hasNext(); ) {
        append(items.next(), text);
        if (items.hasNext()) {
          text.append(", ");
        }
      }
      text.append(']');
    } else if (value.isObject()) {
      text.append('{');
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
          fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        text.append(field.getKey()).append('=');
        append(field.getValue(), text);
        if (fields.hasNext()) {
          text.append(", ");
        }
      }
      text.append('}');
    } else {
      text.append(value.asText());
    }
  }
}
