package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.intrinsic.IntrinsicSyntaxException;
import io.pipeline.asl.intrinsic.Intrinsics;
import io.pipeline.asl.path.PathScope;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks the JSONPath expressions of JSONPath-mode states: path fields, and the {@code .$} fields
 * of payload templates ({@code Parameters}, {@code ItemSelector}, {@code ResultSelector}, {@code
 * Assign}), whose values are paths or intrinsic function calls.
 */
final class JsonPathChecks {

  private static final String DOLLAR_SUFFIX = ".$";

  private final Findings findings;

  JsonPathChecks(Findings findings) {
    this.findings = findings;
  }

  /** Checks a path field, if present. */
  void pathField(JsonNode owner, String field, String ownerAt, PathKind kind) {
    JsonNode value = owner.get(field);
    if (value == null) {
      return;
    }
    String at = Pointers.field(ownerAt, field);
    if (value.isNull() && kind.nullable()) {
      return;
    }
    if (!value.isTextual()) {
      findings.error(
          DiagnosticCodes.INVALID_FIELD_TYPE,
          field + " must be a string" + (kind.nullable() ? " or null" : ""),
          at);
      return;
    }
    String text = value.textValue();
    if (ExpressionDepth.tooDeep(text)) {
      tooDeep(text, at);
    } else if (kind.intrinsic() && Intrinsics.isIntrinsic(text)) {
      intrinsic(text, at);
    } else {
      path(field, text, at, kind);
    }
  }

  private void tooDeep(String expression, String at) {
    findings.error(
        Intrinsics.isIntrinsic(expression)
            ? DiagnosticCodes.INVALID_INTRINSIC
            : DiagnosticCodes.INVALID_PATH,
        "the expression nests brackets or parentheses more than "
            + ExpressionDepth.MAX
            + " levels deep",
        at);
  }

  private void path(String field, String path, String at, PathKind kind) {
    if (kind == PathKind.RESULT_PATH && (path.startsWith("$$") || PathScope.isVariable(path))) {
      findings.error(
          DiagnosticCodes.INVALID_PATH,
          field + " '" + path + "' must be a path into the state's data, starting with $",
          at);
      return;
    }
    if (!PathScope.isValid(path)) {
      findings.error(
          DiagnosticCodes.INVALID_PATH, field + " '" + path + "' is not a valid JSONPath", at);
      return;
    }
    if (kind.definite() && !PathScope.isDefinite(path)) {
      findings.error(
          DiagnosticCodes.INVALID_PATH,
          field
              + " '"
              + path
              + "' must be a reference path, naming one value: no wildcards, filters, slices or"
              + " deep scans",
          at);
    }
  }

  /**
   * Checks a payload template: every field whose name ends in {@code .$} must hold a valid path or
   * intrinsic call, at any depth; a field without {@code .$} whose value looks like one is warned
   * of.
   */
  void template(JsonNode template, String at) {
    if (template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        template(template.get(i), Pointers.index(at, i));
      }
      return;
    }
    if (!template.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldAt = Pointers.field(at, field.getKey());
      JsonNode value = field.getValue();
      if (field.getKey().endsWith(DOLLAR_SUFFIX)) {
        dynamicValue(field.getKey(), value, fieldAt);
      } else if (value.isTextual() && looksDynamic(value.textValue())) {
        findings.warning(
            DiagnosticCodes.NO_DOLLAR,
            "'"
                + field.getKey()
                + "' holds '"
                + value.textValue()
                + "', which is taken literally: a field whose value is a path or an intrinsic"
                + " function needs a name ending in .$",
            fieldAt);
      } else {
        template(value, fieldAt);
      }
    }
  }

  private void dynamicValue(String name, JsonNode value, String at) {
    if (!value.isTextual()) {
      findings.error(
          DiagnosticCodes.INVALID_FIELD_TYPE,
          "'" + name + "' ends in .$, so its value must be a path or an intrinsic function",
          at);
      return;
    }
    String text = value.textValue();
    if (ExpressionDepth.tooDeep(text)) {
      tooDeep(text, at);
    } else if (Intrinsics.isIntrinsic(text)) {
      intrinsic(text, at);
    } else if (!PathScope.isValid(text)) {
      findings.error(
          DiagnosticCodes.INVALID_PATH,
          "'"
              + name
              + "' holds '"
              + text
              + "', which is neither a valid JSONPath nor an intrinsic function",
          at);
    }
  }

  private void intrinsic(String expression, String at) {
    try {
      Intrinsics.parse(expression);
    } catch (IntrinsicSyntaxException e) {
      findings.error(DiagnosticCodes.INVALID_INTRINSIC, e.getMessage(), at);
    } catch (IllegalArgumentException e) {
      // Intrinsics.parse lets BigDecimal's NumberFormatException out for a number literal whose
      // exponent does not fit, e.g. States.MathAdd(1e99999999999, 1); reported as a syntax error.
      findings.error(
          DiagnosticCodes.INVALID_INTRINSIC,
          "Invalid intrinsic function call: " + e.getMessage() + " in " + expression,
          at);
    }
  }

  private static boolean looksDynamic(String text) {
    if (ExpressionDepth.tooDeep(text)) {
      return false;
    }
    return (text.startsWith("$.") || text.startsWith("$$.")) && PathScope.isValid(text)
        || Intrinsics.isIntrinsic(text) && parses(text);
  }

  private static boolean parses(String expression) {
    try {
      Intrinsics.parse(expression);
      return true;
    } catch (IllegalArgumentException e) { // IntrinsicSyntaxException, or see intrinsic(...)
      return false;
    }
  }
}
