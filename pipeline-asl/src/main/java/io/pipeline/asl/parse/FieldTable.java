package io.pipeline.asl.parse;

import io.pipeline.asl.model.QueryLanguage;
import java.util.HashSet;
import java.util.Set;

/**
 * The fields one kind of object may have in each query language.
 *
 * @param jsonPath its fields in a JSONPath state
 * @param jsonata its fields in a JSONata state
 */
record FieldTable(Set<String> jsonPath, Set<String> jsonata) {

  FieldTable {
    jsonPath = Set.copyOf(jsonPath);
    jsonata = Set.copyOf(jsonata);
  }

  /** A table whose fields are the same in both query languages. */
  static FieldTable either(Set<String> fields) {
    return new FieldTable(fields, fields);
  }

  /** A table of fields common to both languages plus those of each. */
  static FieldTable of(Set<String> common, Set<String> jsonPathOnly, Set<String> jsonataOnly) {
    Set<String> jsonPath = new HashSet<>(common);
    jsonPath.addAll(jsonPathOnly);
    Set<String> jsonata = new HashSet<>(common);
    jsonata.addAll(jsonataOnly);
    return new FieldTable(jsonPath, jsonata);
  }

  /** The fields of the given language. */
  Set<String> fields(QueryLanguage language) {
    return language == QueryLanguage.JSONATA ? jsonata : jsonPath;
  }

  /**
   * What this table says of a field.
   *
   * @param known every field the States Language defines for any object of this family, to tell a
   *     misplaced field from an unknown one
   */
  FieldVerdict verdict(String field, QueryLanguage language, Set<String> known) {
    if (fields(language).contains(field)) {
      return FieldVerdict.ALLOWED;
    }
    QueryLanguage other =
        language == QueryLanguage.JSONATA ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA;
    if (fields(other).contains(field)) {
      return FieldVerdict.OTHER_QUERY_LANGUAGE;
    }
    return known.contains(field) ? FieldVerdict.NOT_ALLOWED : FieldVerdict.UNKNOWN;
  }
}
