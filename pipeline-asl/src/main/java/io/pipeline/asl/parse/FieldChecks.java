package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.QueryLanguage;
import java.util.Iterator;
import java.util.Set;

/** Checks the names and simple JSON types of an object's fields. */
final class FieldChecks {

  private final Findings findings;

  FieldChecks(Findings findings) {
    this.findings = findings;
  }

  /**
   * Reports every field of {@code object} that its table does not allow.
   *
   * @param what what the object is, for messages, e.g. {@code a Pass state}
   * @param known every field of this family of objects, to tell a misplaced field from an unknown
   */
  void allowed(
      JsonNode object,
      String at,
      FieldTable table,
      QueryLanguage language,
      Set<String> known,
      String what) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String fieldAt = Pointers.field(at, name);
      switch (table.verdict(name, language, known)) {
        case ALLOWED -> {}
        case OTHER_QUERY_LANGUAGE ->
            findings.error(
                DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE,
                "'"
                    + name
                    + "' is a "
                    + spelling(other(language))
                    + " field, but "
                    + what
                    + " uses "
                    + spelling(language),
                fieldAt);
        case NOT_ALLOWED ->
            findings.error(
                DiagnosticCodes.FIELD_NOT_ALLOWED,
                "'" + name + "' is not allowed in " + what,
                fieldAt);
        case UNKNOWN ->
            findings.error(
                DiagnosticCodes.UNKNOWN_FIELD, "'" + name + "' is not a field of " + what, fieldAt);
      }
    }
  }

  /** Reports a present field that is not a string; true when it is present and a string. */
  boolean string(JsonNode owner, String field, String ownerAt) {
    JsonNode value = owner.get(field);
    if (value == null) {
      return false;
    }
    if (!value.isTextual()) {
      findings.error(
          DiagnosticCodes.INVALID_FIELD_TYPE,
          field + " must be a string",
          Pointers.field(ownerAt, field));
      return false;
    }
    return true;
  }

  /** Reports a present field that is not of the JSON type named; true when it is present and is. */
  boolean type(JsonNode owner, String field, String ownerAt, JsonType type) {
    JsonNode value = owner.get(field);
    if (value == null) {
      return false;
    }
    if (!type.test(value)) {
      findings.error(
          DiagnosticCodes.INVALID_FIELD_TYPE,
          field + " must be " + type.description(),
          Pointers.field(ownerAt, field));
      return false;
    }
    return true;
  }

  /**
   * Reports two fields that exclude each other when both are present, at the second.
   *
   * @return whether both are present
   */
  boolean exclusive(JsonNode owner, String first, String second, String ownerAt) {
    if (owner.has(first) && owner.has(second)) {
      findings.error(
          DiagnosticCodes.EXCLUSIVE_FIELDS,
          first + " and " + second + " exclude each other: give one",
          Pointers.field(ownerAt, second));
      return true;
    }
    return false;
  }

  static String spelling(QueryLanguage language) {
    return language == QueryLanguage.JSONATA ? "JSONata" : "JSONPath";
  }

  private static QueryLanguage other(QueryLanguage language) {
    return language == QueryLanguage.JSONATA ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA;
  }
}
