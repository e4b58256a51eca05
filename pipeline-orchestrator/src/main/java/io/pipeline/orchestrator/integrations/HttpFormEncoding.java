package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An HTTP Task's {@code RequestBody} as {@code application/x-www-form-urlencoded} text, for {@code
 * Transform.RequestBodyEncoding: URL_ENCODED}. Objects nest with brackets ({@code a[b]=c}); arrays
 * follow {@code RequestEncodingOptions.ArrayFormat}; {@code null} is an empty value.
 */
final class HttpFormEncoding {

  /** How arrays are written, as AWS names the options. */
  enum ArrayFormat {
    /** {@code a[0]=x&a[1]=y}: AWS's default. */
    INDICES,
    /** {@code a[]=x&a[]=y}. */
    BRACKETS,
    /** {@code a=x&a=y}. */
    REPEAT,
    /** {@code a=x,y}: arrays of plain values only. */
    COMMAS
  }

  private HttpFormEncoding() {}

  /**
   * Encodes a request body.
   *
   * @param body a JSON object
   * @throws TaskFailure {@code States.Runtime} when the body is not an object, or under {@code
   *     COMMAS} holds an array of objects or arrays
   */
  static String encode(JsonNode body, ArrayFormat format) {
    if (!body.isObject()) {
      throw HttpTaskFailures.invalidParameter(
          "RequestBody must be a JSON object to be URL_ENCODED; it is " + kind(body));
    }
    List<String> pairs = new ArrayList<>();
    fields(body, "", format, pairs);
    return String.join("&", pairs);
  }

  /** Percent-encodes one name or value the way forms do (a space is {@code +}). */
  static String escape(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void fields(JsonNode object, String prefix, ArrayFormat format, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = prefix.isEmpty() ? field.getKey() : prefix + "[" + field.getKey() + "]";
      value(field.getValue(), name, format, out);
    }
  }

  private static void value(JsonNode node, String name, ArrayFormat format, List<String> out) {
    if (node.isObject()) {
      fields(node, name, format, out);
    } else if (node.isArray()) {
      array(node, name, format, out);
    } else {
      out.add(escape(name) + "=" + escape(scalar(node)));
    }
  }

  private static void array(JsonNode array, String name, ArrayFormat format, List<String> out) {
    switch (format) {
      case INDICES:
        for (int i = 0; i < array.size(); i++) {
          value(array.get(i), name + "[" + i + "]", format, out);
        }
        break;
      case BRACKETS:
        for (JsonNode item : array) {
          value(item, name + "[]", format, out);
        }
        break;
      case REPEAT:
        for (JsonNode item : array) {
          value(item, name, format, out);
        }
        break;
      case COMMAS:
        List<String> items = new ArrayList<>();
        for (JsonNode item : array) {
          if (item.isContainerNode()) {
            throw HttpTaskFailures.invalidParameter(
                "RequestBody field '"
                    + name
                    + "' holds "
                    + kind(item)
                    + " in its array: ArrayFormat COMMAS writes arrays of strings, numbers and"
                    + " booleans only");
          }
          items.add(escape(scalar(item)));
        }
        if (!items.isEmpty()) {
          out.add(escape(name) + "=" + String.join(",", items));
        }
        break;
      default:
        throw new IllegalStateException("unknown array format " + format);
    }
  }

  /** The text of a string, number, boolean or null. */
  static String scalar(JsonNode node) {
    return node.isNull() ? "" : node.asText();
  }

  /** What a JSON value is, for causes. */
  static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}
