package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks what is particular to Task states: the resource, the timeout and the heartbeat. */
final class TaskChecks {

  /** The largest timeout or heartbeat AWS accepts, in seconds. */
  private static final long MAX_SECONDS = 99_999_999L;

  private static final String TIMEOUT = "TimeoutSeconds";
  private static final String HEARTBEAT = "HeartbeatSeconds";

  private final Findings findings;
  private final FieldChecks fields;

  TaskChecks(Findings findings, FieldChecks fields) {
    this.findings = findings;
    this.fields = fields;
  }

  void check(StateContext state) {
    JsonNode json = state.json();
    if (!json.has("Resource")) {
      findings.error(DiagnosticCodes.MISSING_RESOURCE, "a Task state needs a Resource", state.at());
    } else {
      fields.string(json, "Resource", state.at());
    }
    if (state.jsonPath()) {
      fields.exclusive(json, TIMEOUT, TIMEOUT + "Path", state.at());
      fields.exclusive(json, HEARTBEAT, HEARTBEAT + "Path", state.at());
    }
    boolean timeoutValid = seconds(state, TIMEOUT);
    boolean heartbeatValid = seconds(state, HEARTBEAT);
    JsonNode timeout = json.get(TIMEOUT);
    JsonNode heartbeat = json.get(HEARTBEAT);
    if (timeoutValid
        && heartbeatValid
        && timeout.isIntegralNumber()
        && heartbeat.isIntegralNumber()
        && heartbeat.longValue() >= timeout.longValue()) {
      findings.error(
          DiagnosticCodes.HEARTBEAT_NOT_BELOW_TIMEOUT,
          "HeartbeatSeconds ("
              + heartbeat.longValue()
              + ") must be less than TimeoutSeconds ("
              + timeout.longValue()
              + ")",
          state.at(HEARTBEAT));
    }
  }

  /** Checks a present timeout or heartbeat; true when present and valid. */
  private boolean seconds(StateContext state, String field) {
    JsonNode value = state.json().get(field);
    if (value == null) {
      return false;
    }
    if (!Numbers.integerOrTemplate(value, 1, MAX_SECONDS, !state.jsonPath())) {
      findings.error(
          DiagnosticCodes.INVALID_TIMEOUT,
          field
              + " must be an integer from 1 to "
              + MAX_SECONDS
              + (state.jsonPath() ? "" : " or a JSONata template")
              + ", not "
              + value,
          state.at(field));
      return false;
    }
    return true;
  }
}
