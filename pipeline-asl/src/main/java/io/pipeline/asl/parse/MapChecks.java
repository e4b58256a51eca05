package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks the values particular to Map states; the item processor is validated as a machine. */
final class MapChecks {

  private final Findings findings;
  private final FieldChecks fields;

  MapChecks(Findings findings, FieldChecks fields) {
    this.findings = findings;
    this.fields = fields;
  }

  void check(StateContext state) {
    JsonNode json = state.json();
    if (!json.has("ItemProcessor") && !json.has("Iterator")) {
      findings.error(
          DiagnosticCodes.MISSING_ITEM_PROCESSOR, "a Map state needs an ItemProcessor", state.at());
    }
    fields.exclusive(json, "ItemProcessor", "Iterator", state.at());
    if (state.jsonPath()) {
      fields.exclusive(json, "ItemSelector", "Parameters", state.at());
      fields.exclusive(json, "MaxConcurrency", "MaxConcurrencyPath", state.at());
      fields.exclusive(
          json, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", state.at());
      fields.exclusive(json, "ToleratedFailureCount", "ToleratedFailureCountPath", state.at());
    }
    boolean jsonata = !state.jsonPath();
    integer(state, "MaxConcurrency", Integer.MAX_VALUE, jsonata);
    integer(state, "ToleratedFailureCount", Integer.MAX_VALUE, jsonata);
    JsonNode percentage = json.get("ToleratedFailurePercentage");
    if (percentage != null
        && !Numbers.numberIn(percentage, 0, 100)
        && !(jsonata && percentage.isTextual() && percentage.textValue().startsWith("{%"))) {
      findings.error(
          DiagnosticCodes.INVALID_VALUE,
          "ToleratedFailurePercentage must be a number from 0 to 100, not " + percentage,
          state.at("ToleratedFailurePercentage"));
    }
    JsonNode items = json.get("Items");
    if (items != null
        && state.allows("Items")
        && !items.isArray()
        && !(items.isTextual() && items.textValue().startsWith("{%"))) {
      findings.error(
          DiagnosticCodes.INVALID_FIELD_TYPE,
          "Items must be an array or a JSONata template",
          state.at("Items"));
    }
    fields.string(json, "Label", state.at());
  }

  private void integer(StateContext state, String field, long max, boolean jsonata) {
    JsonNode value = state.json().get(field);
    if (value != null && !Numbers.integerOrTemplate(value, 0, max, jsonata)) {
      findings.error(
          DiagnosticCodes.INVALID_VALUE,
          field + " must be an integer from 0 to " + max + ", not " + value,
          state.at(field));
    }
  }
}
