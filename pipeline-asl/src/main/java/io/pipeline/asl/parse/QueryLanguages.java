package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.QueryLanguage;
import java.util.Optional;

/** Reads the {@code QueryLanguage} field of a state machine or a state. */
final class QueryLanguages {

  private QueryLanguages() {}

  /** The language the object names, empty when it names none or an invalid one (reported). */
  static Optional<QueryLanguage> read(JsonNode owner, String ownerAt, Findings findings) {
    JsonNode value = owner.get("QueryLanguage");
    if (value == null) {
      return Optional.empty();
    }
    String at = Pointers.field(ownerAt, "QueryLanguage");
    if (!value.isTextual()) {
      findings.error(
          DiagnosticCodes.INVALID_QUERY_LANGUAGE, "QueryLanguage must be JSONPath or JSONata", at);
      return Optional.empty();
    }
    try {
      return Optional.of(QueryLanguage.parse(value.textValue()));
    } catch (IllegalArgumentException e) {
      findings.error(DiagnosticCodes.INVALID_QUERY_LANGUAGE, e.getMessage(), at);
      return Optional.empty();
    }
  }
}
