package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Step Functions' rules for tags: at most {@value #MAX_TAGS} per resource, keys of 1 to 128 and
 * values of 0 to 256 Unicode letters, digits, white space or {@code _ . : / = + - @}.
 */
final class TagRules {

  static final int MAX_TAGS = 50;
  private static final int MAX_KEY = 128;
  private static final int MAX_VALUE = 256;
  private static final String ALLOWED = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";
  private static final Pattern CHARACTERS = Pattern.compile(ALLOWED);

  private TagRules() {}

  /**
   * The tags of a request's field (an array of {@code {key, value}}), in order, a later key
   * replacing an earlier one; none when the field is absent.
   */
  static Map<String, String> tags(JsonNode input, String field) {
    JsonNode array = input.get(field);
    Map<String, String> tags = new LinkedHashMap<>();
    if (array == null || array.isNull()) {
      return tags;
    }
    if (!array.isArray()) {
      throw new ApiException("SerializationException", "'" + field + "' must be an array");
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode tag = array.get(i);
      if (!tag.isObject()) {
        throw new ApiException(
            "SerializationException", "'" + field + "' must be an array of {key, value}");
      }
      String at = field + "." + (i + 1) + ".member";
      String key = check(Fields.optional(tag, "key").orElse(null), at + ".key", 1, MAX_KEY);
      String value = check(Fields.optional(tag, "value").orElse(""), at + ".value", 0, MAX_VALUE);
      tags.put(key, value);
    }
    return tags;
  }

  /** The tag keys of UntagResource's {@code tagKeys}, required. */
  static List<String> keys(JsonNode input) {
    JsonNode array = input.get("tagKeys");
    if (array == null || array.isNull()) {
      throw invalid(null, "tagKeys", "Member must not be null");
    }
    if (!array.isArray()) {
      throw new ApiException("SerializationException", "'tagKeys' must be an array of strings");
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        throw new ApiException("SerializationException", "'tagKeys' must be an array of strings");
      }
      keys.add(check(array.get(i).asText(), "tagKeys." + (i + 1) + ".member", 1, MAX_KEY));
    }
    return keys;
  }

  /** The tags after adding some: an added key's value replaces the one it had. */
  static Map<String, String> merged(Map<String, String> current, Map<String, String> added) {
    Map<String, String> merged = new TreeMap<>(current);
    merged.putAll(added);
    return merged;
  }

  /**
   * Refuses more tags than a resource may have.
   *
   * @param resourceName the resource, as the error names it
   */
  static void checkCount(Map<String, String> tags, String resourceName) {
    if (tags.size() > MAX_TAGS) {
      throw new ApiException(
          "TooManyTags",
          "Too Many Tags: '"
              + resourceName
              + "' would have "
              + tags.size()
              + " tags, more than the "
              + MAX_TAGS
              + " a resource may have",
          Map.of("resourceName", resourceName));
    }
  }

  private static String check(String text, String at, int min, int max) {
    if (text == null) {
      throw invalid(null, at, "Member must not be null");
    }
    int length = text.codePointCount(0, text.length());
    if (length < min) {
      throw invalid(text, at, "Member must have length greater than or equal to " + min);
    }
    if (length > max) {
      throw invalid(text, at, "Member must have length less than or equal to " + max);
    }
    if (!CHARACTERS.matcher(text).matches()) {
      throw invalid(text, at, "Member must satisfy regular expression pattern: " + ALLOWED);
    }
    return text;
  }

  private static ApiException invalid(String value, String at, String constraint) {
    return new ApiException(
        "ValidationException",
        "1 validation error detected: Value "
            + (value == null ? "null" : "'" + value + "'")
            + " at '"
            + at
            + "' failed to satisfy constraint: "
            + constraint);
  }
}
