package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks what is particular to Wait states: exactly one way to say how long to wait. */
final class WaitChecks {

  /** The longest wait AWS accepts, in seconds. */
  private static final long MAX_SECONDS = 99_999_999L;

  private static final List<String> DURATIONS =
      List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath");

  private final Findings findings;
  private final FieldChecks fields;

  WaitChecks(Findings findings, FieldChecks fields) {
    this.findings = findings;
    this.fields = fields;
  }

  void check(StateContext state) {
    JsonNode json = state.json();
    List<String> given = DURATIONS.stream().filter(json::has).filter(state::allows).toList();
    if (given.size() != 1) {
      List<String> own = DURATIONS.stream().filter(state::allows).toList();
      findings.error(
          DiagnosticCodes.INVALID_WAIT,
          "a Wait state needs exactly one of "
              + String.join(", ", own)
              + (given.isEmpty() ? "" : ", not " + String.join(" and ", given)),
          state.at());
    }
    JsonNode seconds = json.get("Seconds");
    if (seconds != null && !Numbers.integerOrTemplate(seconds, 0, MAX_SECONDS, !state.jsonPath())) {
      findings.error(
          DiagnosticCodes.INVALID_VALUE,
          "Seconds must be an integer from 0 to "
              + MAX_SECONDS
              + (state.jsonPath() ? "" : " or a JSONata template")
              + ", not "
              + seconds,
          state.at("Seconds"));
    }
    fields.string(json, "Timestamp", state.at());
  }
}
