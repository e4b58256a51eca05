package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.QueryLanguage;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Validates a state machine and, through its states, the machines nested in them. Each machine is
 * its own scope of transitions: its states move only to each other. State names are unique in the
 * whole definition.
 */
final class MachineValidator {

  /** The longest execution AWS allows, in seconds: one year. */
  private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

  private final Findings findings;
  private final FieldChecks fields;
  private final StateValidator states;

  /** The location of every state name seen so far, in any machine. */
  private final Map<String, String> names = new HashMap<>();

  MachineValidator(Findings findings) {
    this.findings = findings;
    this.fields = new FieldChecks(findings);
    this.states = new StateValidator(findings, this::validate);
  }

  /**
   * Validates a machine.
   *
   * @param inherited the query language of the state that holds it, or JSONPath at the top level
   */
  void validate(JsonNode json, String at, QueryLanguage inherited, MachineKind kind) {
    if (!json.isObject()) {
      findings.error(
          DiagnosticCodes.NOT_AN_OBJECT, kind.description() + " must be a JSON object", at);
      return;
    }
    fields.allowed(
        json, at, kind.fields(), inherited, StateFields.KNOWN_MACHINE_FIELDS, kind.description());
    QueryLanguage language = QueryLanguages.read(json, at, findings).orElse(inherited);
    fields.string(json, "Comment", at);
    fields.string(json, "Version", at);
    JsonNode timeout = json.get("TimeoutSeconds");
    if (timeout != null
        && kind == MachineKind.TOP_LEVEL
        && !Numbers.integerIn(timeout, 1, MAX_TIMEOUT_SECONDS)) {
      findings.error(
          DiagnosticCodes.INVALID_TIMEOUT,
          "TimeoutSeconds must be an integer from 1 to " + MAX_TIMEOUT_SECONDS + ", not " + timeout,
          Pointers.field(at, "TimeoutSeconds"));
    }
    if (kind.processor() && json.has("ProcessorConfig")) {
      ProcessorConfigs.check(
          json.get("ProcessorConfig"), Pointers.field(at, "ProcessorConfig"), findings);
    }
    String startAt = startAt(json, at);
    JsonNode statesJson = json.get("States");
    if (statesJson == null || !statesJson.isObject() || statesJson.isEmpty()) {
      findings.error(
          DiagnosticCodes.MISSING_STATES,
          "States must be an object with at least one state",
          Pointers.field(at, "States"));
      return;
    }
    Set<String> scope = new LinkedHashSet<>();
    statesJson.fieldNames().forEachRemaining(scope::add);
    boolean canEnd = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = statesJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> state = it.next();
      String stateAt = Pointers.field(Pointers.field(at, "States"), state.getKey());
      unique(state.getKey(), stateAt);
      canEnd |= states.validate(state.getKey(), state.getValue(), stateAt, language, scope);
    }
    if (!canEnd) {
      findings.error(
          DiagnosticCodes.MISSING_END_STATE,
          "no state of "
              + kind.description()
              + " can end it: none is Succeed, Fail or has"
              + " \"End\": true",
          Pointers.field(at, "States"));
    }
    if (startAt == null) {
      return;
    }
    if (!scope.contains(startAt)) {
      findings.error(
          DiagnosticCodes.MISSING_TRANSITION_TARGET,
          "StartAt names no state of " + kind.description() + ": '" + startAt + "'",
          Pointers.field(at, "StartAt"));
      return;
    }
    for (String name : Reachability.unreachable(statesJson, startAt)) {
      findings.error(
          DiagnosticCodes.UNREACHABLE_STATE,
          "state '" + name + "' is not reachable from StartAt",
          Pointers.field(Pointers.field(at, "States"), name));
    }
  }

  /**
   * Validates one state on its own, as TestState takes it: its pointers start at the state, and its
   * transitions may name any state, since the states around it are not given.
   */
  void validateState(String name, JsonNode json) {
    states.validate(
        name, json, "", QueryLanguage.JSONPATH, new LinkedHashSet<>(Reachability.targets(json)));
  }

  private String startAt(JsonNode json, String at) {
    if (!json.has("StartAt")) {
      findings.error(DiagnosticCodes.MISSING_START_AT, "a state machine needs StartAt", at);
      return null;
    }
    return fields.string(json, "StartAt", at) ? json.get("StartAt").textValue() : null;
  }

  private void unique(String name, String at) {
    String first = names.putIfAbsent(name, at);
    if (first != null) {
      findings.error(
          DiagnosticCodes.DUPLICATE_STATE_NAME,
          "state name '"
              + name
              + "' is already used at "
              + first
              + ": names are unique in the"
              + " whole state machine, branches included",
          at);
    }
  }
}
