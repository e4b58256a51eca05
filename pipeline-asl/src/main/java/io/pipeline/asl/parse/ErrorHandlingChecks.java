package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StatesErrors;
import java.util.Set;

/** Checks the {@code Retry} and {@code Catch} arrays of Task, Parallel and Map states. */
final class ErrorHandlingChecks {

  /** The largest {@code IntervalSeconds} and {@code MaxAttempts} AWS accepts. */
  private static final long MAX_RETRY_NUMBER = 99_999_999L;

  /** The largest {@code MaxDelaySeconds} AWS accepts: 366 days. */
  private static final long MAX_DELAY_SECONDS = 31_622_400L;

  private static final Set<String> JITTER_STRATEGIES = Set.of("FULL", "NONE");
  private static final String ERROR_EQUALS = "ErrorEquals";

  private final Findings findings;
  private final FieldChecks fields;
  private final JsonPathChecks paths;
  private final JsonataChecks jsonata;

  ErrorHandlingChecks(
      Findings findings, FieldChecks fields, JsonPathChecks paths, JsonataChecks jsonata) {
    this.findings = findings;
    this.fields = fields;
    this.paths = paths;
    this.jsonata = jsonata;
  }

  void check(StateContext state) {
    JsonNode retry = state.json().get("Retry");
    if (retry != null && fields.type(state.json(), "Retry", state.at(), JsonType.ARRAY)) {
      for (int i = 0; i < retry.size(); i++) {
        retrier(state, retry.get(i), Pointers.index(state.at("Retry"), i), i == retry.size() - 1);
      }
    }
    JsonNode catchers = state.json().get("Catch");
    if (catchers != null && fields.type(state.json(), "Catch", state.at(), JsonType.ARRAY)) {
      for (int i = 0; i < catchers.size(); i++) {
        catcher(
            state, catchers.get(i), Pointers.index(state.at("Catch"), i), i == catchers.size() - 1);
      }
    }
  }

  private void retrier(StateContext state, JsonNode retrier, String at, boolean last) {
    if (!retrier.isObject()) {
      findings.error(DiagnosticCodes.NOT_AN_OBJECT, "a retrier must be a JSON object", at);
      return;
    }
    fields.allowed(
        retrier,
        at,
        StateFields.RETRIER,
        state.language(),
        Set.of(),
        "a retrier of " + state.describe());
    errorEquals(retrier, at, last, "retrier");
    integer(
        retrier,
        "IntervalSeconds",
        at,
        1,
        MAX_RETRY_NUMBER,
        DiagnosticCodes.INVALID_INTERVAL_SECONDS);
    integer(retrier, "MaxAttempts", at, 0, MAX_RETRY_NUMBER, DiagnosticCodes.INVALID_MAX_ATTEMPTS);
    integer(
        retrier,
        "MaxDelaySeconds",
        at,
        1,
        MAX_DELAY_SECONDS,
        DiagnosticCodes.INVALID_MAX_DELAY_SECONDS);
    JsonNode backoff = retrier.get("BackoffRate");
    if (backoff != null && !Numbers.numberIn(backoff, 1.0, Double.MAX_VALUE)) {
      findings.error(
          DiagnosticCodes.INVALID_BACKOFF_RATE,
          "BackoffRate must be a number of at least 1.0, not " + backoff,
          Pointers.field(at, "BackoffRate"));
    }
    JsonNode jitter = retrier.get("JitterStrategy");
    if (jitter != null && !(jitter.isTextual() && JITTER_STRATEGIES.contains(jitter.textValue()))) {
      findings.error(
          DiagnosticCodes.INVALID_JITTER_STRATEGY,
          "JitterStrategy must be FULL or NONE, not " + jitter,
          Pointers.field(at, "JitterStrategy"));
    }
  }

  private void catcher(StateContext state, JsonNode catcher, String at, boolean last) {
    if (!catcher.isObject()) {
      findings.error(DiagnosticCodes.NOT_AN_OBJECT, "a catcher must be a JSON object", at);
      return;
    }
    fields.allowed(
        catcher,
        at,
        StateFields.CATCHER,
        state.language(),
        Set.of(),
        "a catcher of " + state.describe());
    errorEquals(catcher, at, last, "catcher");
    JsonNode next = catcher.get("Next");
    if (next == null) {
      findings.error(DiagnosticCodes.MISSING_NEXT, "a catcher needs Next", at);
    } else if (fields.string(catcher, "Next", at) && !state.scope().contains(next.textValue())) {
      findings.error(
          DiagnosticCodes.MISSING_TRANSITION_TARGET,
          "Catch's Next names no state of this state machine: '" + next.textValue() + "'",
          Pointers.field(at, "Next"));
    }
    if (state.jsonPath()) {
      paths.pathField(catcher, "ResultPath", at, PathKind.RESULT_PATH);
      if (catcher.has("Assign")) {
        paths.template(catcher.get("Assign"), Pointers.field(at, "Assign"));
      }
    } else {
      for (String field : new String[] {"Output", "Assign"}) {
        if (catcher.has(field)) {
          jsonata.templates(catcher.get(field), Pointers.field(at, field));
        }
      }
    }
  }

  private void errorEquals(JsonNode owner, String at, boolean last, String what) {
    JsonNode errors = owner.get(ERROR_EQUALS);
    if (errors == null || errors.isArray() && errors.isEmpty()) {
      findings.error(
          DiagnosticCodes.MISSING_ERROR_EQUALS,
          "a " + what + " needs ErrorEquals with at least one error name",
          at);
      return;
    }
    String errorsAt = Pointers.field(at, ERROR_EQUALS);
    if (!errors.isArray()) {
      findings.error(
          DiagnosticCodes.INVALID_FIELD_TYPE,
          "ErrorEquals must be an array of error names",
          errorsAt);
      return;
    }
    for (int i = 0; i < errors.size(); i++) {
      JsonNode error = errors.get(i);
      String errorAt = Pointers.index(errorsAt, i);
      if (!error.isTextual()) {
        findings.error(
            DiagnosticCodes.INVALID_FIELD_TYPE, "an error name must be a string", errorAt);
        continue;
      }
      String name = error.textValue();
      if (name.equals(StatesErrors.ALL)) {
        if (errors.size() > 1) {
          findings.error(
              DiagnosticCodes.STATES_ALL_NOT_ALONE,
              "States.ALL must be the only error name of its ErrorEquals",
              errorAt);
        }
        if (!last) {
          findings.error(
              DiagnosticCodes.STATES_ALL_NOT_LAST,
              "a " + what + " for States.ALL must be the last one",
              at);
        }
      } else if (name.startsWith("States.") && !StatesErrors.isDefined(name)) {
        findings.error(
            DiagnosticCodes.UNKNOWN_STATES_ERROR,
            "'"
                + name
                + "' is not an error the States Language defines; names starting with"
                + " States. are reserved",
            errorAt);
      }
    }
  }

  private void integer(JsonNode owner, String field, String at, long min, long max, String code) {
    JsonNode value = owner.get(field);
    if (value != null && !Numbers.integerIn(value, min, max)) {
      findings.error(
          code,
          field + " must be an integer from " + min + " to " + max + ", not " + value,
          Pointers.field(at, field));
    }
  }
}
