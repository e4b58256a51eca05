package io.pipeline.asl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares an actual output with an expected one as the corpus format says: deep equality, object
 * key order ignored, numbers by value, and masked leaves matched by their regular expression.
 */
final class Comparison {

  private Comparison() {}

  /**
   * @param masks JSON Pointer → regex (null regex: any value)
   * @return the differences, empty when equal
   */
  static List<String> differences(JsonNode expected, JsonNode actual, Map<String, Pattern> masks) {
    List<String> differences = new ArrayList<>();
    compare(expected, actual, "", masks, differences);
    return differences;
  }

  private static void compare(
      JsonNode expected,
      JsonNode actual,
      String pointer,
      Map<String, Pattern> masks,
      List<String> out) {
    if (masks.containsKey(pointer)) {
      Pattern pattern = masks.get(pointer);
      if (pattern != null
          && (actual == null
              || !pattern
                  .matcher(actual.isTextual() ? actual.textValue() : String.valueOf(actual))
                  .matches())) {
        out.add(at(pointer) + ": " + actual + " does not match the masked value");
      }
      return;
    }
    if (actual == null || actual.isMissingNode()) {
      out.add(at(pointer) + ": missing, expected " + abbreviate(expected));
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        out.add(at(pointer) + ": expected " + expected + ", got " + actual);
      }
      return;
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      out.add(at(pointer) + ": expected " + abbreviate(expected) + ", got " + abbreviate(actual));
      return;
    }
    if (expected.isObject()) {
      List<String> names = new ArrayList<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual
          .fieldNames()
          .forEachRemaining(
              n -> {
                if (!expected.has(n)) names.add(n);
              });
      Collections.sort(names);
      for (String name : names) {
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!expected.has(name)) {
          out.add(at(child) + ": unexpected " + abbreviate(actual.get(name)));
        } else {
          compare(expected.get(name), actual.get(name), child, masks, out);
        }
      }
      return;
    }
    if (expected.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(
            at(pointer)
                + ": expected "
                + expected.size()
                + " items, got "
                + actual.size()
                + ": "
                + abbreviate(actual));
        return;
      }
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int i = 0; e.hasNext(); i++) {
        compare(e.next(), a.next(), pointer + "/" + i, masks, out);
      }
      return;
    }
    if (!expected.equals(actual)) {
      out.add(at(pointer) + ": expected " + abbreviate(expected) + ", got " + abbreviate(actual));
    }
  }

  private static String at(String pointer) {
    return pointer.isEmpty() ? "output" : "output" + pointer;
  }

  static String abbreviate(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
