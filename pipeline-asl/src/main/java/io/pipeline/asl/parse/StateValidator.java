package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.QueryLanguage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates one state: its type, query language and fields, its transition, its paths or JSONata
 * templates, and what is particular to its type. Nested state machines are handed to a {@link
 * NestedMachines}.
 */
final class StateValidator {

  /** The JSONPath path fields, and what each may hold. */
  private static final Map<String, PathKind> PATH_FIELDS = new LinkedHashMap<>();

  static {
    PATH_FIELDS.put("InputPath", PathKind.PATH);
    PATH_FIELDS.put("OutputPath", PathKind.PATH);
    PATH_FIELDS.put("ResultPath", PathKind.RESULT_PATH);
    PATH_FIELDS.put("ItemsPath", PathKind.REFERENCE);
    PATH_FIELDS.put("SecondsPath", PathKind.REFERENCE);
    PATH_FIELDS.put("TimestampPath", PathKind.REFERENCE);
    PATH_FIELDS.put("TimeoutSecondsPath", PathKind.REFERENCE);
    PATH_FIELDS.put("HeartbeatSecondsPath", PathKind.REFERENCE);
    PATH_FIELDS.put("MaxConcurrencyPath", PathKind.REFERENCE);
    PATH_FIELDS.put("ToleratedFailurePercentagePath", PathKind.REFERENCE);
    PATH_FIELDS.put("ToleratedFailureCountPath", PathKind.REFERENCE);
    PATH_FIELDS.put("ErrorPath", PathKind.REFERENCE_OR_INTRINSIC);
    PATH_FIELDS.put("CausePath", PathKind.REFERENCE_OR_INTRINSIC);
  }

  /** The JSONPath payload templates, whose {@code .$} fields hold paths or intrinsic calls. */
  private static final List<String> PAYLOAD_TEMPLATES =
      List.of("Parameters", "ItemSelector", "ResultSelector", "Assign");

  /** The JSONata fields whose strings may be templates. */
  private static final List<String> JSONATA_FIELDS =
      List.of(
          "Arguments",
          "Output",
          "Assign",
          "Items",
          "ItemSelector",
          "Seconds",
          "Timestamp",
          "TimeoutSeconds",
          "HeartbeatSeconds",
          "MaxConcurrency",
          "ToleratedFailurePercentage",
          "ToleratedFailureCount",
          "Error",
          "Cause",
          "Credentials",
          "ItemReader",
          "ItemBatcher",
          "ResultWriter");

  private final Findings findings;
  private final FieldChecks fields;
  private final JsonPathChecks paths;
  private final JsonataChecks jsonata;
  private final ErrorHandlingChecks errorHandling;
  private final ChoiceChecks choices;
  private final TaskChecks tasks;
  private final WaitChecks waits;
  private final MapChecks maps;
  private final NestedMachines nested;

  StateValidator(Findings findings, NestedMachines nested) {
    this.findings = findings;
    this.nested = nested;
    this.fields = new FieldChecks(findings);
    this.paths = new JsonPathChecks(findings);
    this.jsonata = new JsonataChecks(findings);
    this.errorHandling = new ErrorHandlingChecks(findings, fields, paths, jsonata);
    this.choices = new ChoiceChecks(findings, fields, paths, jsonata);
    this.tasks = new TaskChecks(findings, fields);
    this.waits = new WaitChecks(findings, fields);
    this.maps = new MapChecks(findings, fields);
  }

  /**
   * Validates a state.
   *
   * @param inherited the query language of the machine or state around it
   * @param scope the names of the states of its own state machine
   * @return whether the state can end its state machine (Succeed, Fail, {@code "End": true}), or
   *     cannot be told because its type is unknown
   */
  boolean validate(
      String name, JsonNode json, String at, QueryLanguage inherited, Set<String> scope) {
    if (!json.isObject()) {
      findings.error(DiagnosticCodes.NOT_AN_OBJECT, "a state must be a JSON object", at);
      return true;
    }
    QueryLanguage language = language(json, at, inherited);
    Optional<StateType> type = type(json, at);
    if (type.isEmpty()) {
      return true;
    }
    StateContext state = new StateContext(name, at, json, type.get(), language, scope);
    fields.allowed(
        json,
        at,
        StateFields.of(state.type()),
        language,
        StateFields.KNOWN_STATE_FIELDS,
        state.describe());
    fields.string(json, "Comment", at);
    boolean ends = transition(state);
    if (state.jsonPath()) {
      jsonPathFields(state);
    } else {
      jsonataFields(state);
    }
    if (state.type().handlesErrors()) {
      errorHandling.check(state);
    }
    particular(state);
    return ends;
  }

  private QueryLanguage language(JsonNode json, String at, QueryLanguage inherited) {
    Optional<QueryLanguage> own = QueryLanguages.read(json, at, findings);
    if (own.isPresent()
        && own.get() == QueryLanguage.JSONPATH
        && inherited == QueryLanguage.JSONATA) {
      findings.error(
          DiagnosticCodes.JSONPATH_UNDER_JSONATA,
          "a state cannot use JSONPath where its state machine uses JSONata",
          Pointers.field(at, "QueryLanguage"));
    }
    return own.orElse(inherited);
  }

  private Optional<StateType> type(JsonNode json, String at) {
    JsonNode type = json.get("Type");
    if (type == null) {
      findings.error(DiagnosticCodes.MISSING_TYPE, "a state needs a Type", at);
      return Optional.empty();
    }
    if (!fields.string(json, "Type", at)) {
      return Optional.empty();
    }
    Optional<StateType> known = StateType.of(type.textValue());
    if (known.isEmpty()) {
      findings.error(
          DiagnosticCodes.INVALID_STATE_TYPE,
          "unknown state type '"
              + type.textValue()
              + "': Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map",
          Pointers.field(at, "Type"));
    }
    return known;
  }

  /** Checks Next and End; whether the state ends its machine. */
  private boolean transition(StateContext state) {
    if (!state.type().transitions()) {
      return state.type().ends();
    }
    JsonNode json = state.json();
    boolean hasNext = json.has("Next");
    boolean end =
        fields.type(json, "End", state.at(), JsonType.BOOLEAN) && json.get("End").booleanValue();
    if (hasNext && end) {
      findings.error(
          DiagnosticCodes.NEXT_AND_END,
          "a state has either Next or \"End\": true, not both",
          state.at("End"));
    } else if (!hasNext && !end) {
      findings.error(
          DiagnosticCodes.MISSING_NEXT, "a state needs Next or \"End\": true", state.at());
    }
    if (hasNext
        && fields.string(json, "Next", state.at())
        && !state.scope().contains(json.get("Next").textValue())) {
      findings.error(
          DiagnosticCodes.MISSING_TRANSITION_TARGET,
          "Next names no state of this state machine: '" + json.get("Next").textValue() + "'",
          state.at("Next"));
    }
    return end;
  }

  private void jsonPathFields(StateContext state) {
    PATH_FIELDS.forEach(
        (field, kind) -> {
          if (state.allows(field)) {
            paths.pathField(state.json(), field, state.at(), kind);
          }
        });
    for (String field : PAYLOAD_TEMPLATES) {
      if (state.allows(field) && state.json().has(field)) {
        paths.template(state.json().get(field), state.at(field));
      }
    }
  }

  private void jsonataFields(StateContext state) {
    for (String field : JSONATA_FIELDS) {
      if (state.allows(field) && state.json().has(field)) {
        jsonata.templates(state.json().get(field), state.at(field));
      }
    }
  }

  private void particular(StateContext state) {
    JsonNode json = state.json();
    switch (state.type()) {
      case TASK -> tasks.check(state);
      case WAIT -> waits.check(state);
      case CHOICE -> choices.check(state);
      case MAP -> {
        maps.check(state);
        processor(state);
      }
      case PARALLEL -> branches(state);
      case FAIL -> {
        fields.exclusive(json, "Error", "ErrorPath", state.at());
        fields.exclusive(json, "Cause", "CausePath", state.at());
        fields.string(json, "Error", state.at());
        fields.string(json, "Cause", state.at());
      }
      case PASS, SUCCEED -> {}
    }
  }

  private void branches(StateContext state) {
    JsonNode branches = state.json().get("Branches");
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      findings.error(
          DiagnosticCodes.MISSING_BRANCHES,
          "a Parallel state needs an array of at least one branch in Branches",
          state.at("Branches"));
      return;
    }
    for (int i = 0; i < branches.size(); i++) {
      nested.validate(
          branches.get(i),
          Pointers.index(state.at("Branches"), i),
          state.language(),
          MachineKind.BRANCH);
    }
  }

  private void processor(StateContext state) {
    JsonNode json = state.json();
    if (json.has("ItemProcessor")) {
      nested.validate(
          json.get("ItemProcessor"),
          state.at("ItemProcessor"),
          state.language(),
          MachineKind.ITEM_PROCESSOR);
    }
    if (json.has("Iterator")) {
      nested.validate(
          json.get("Iterator"), state.at("Iterator"), state.language(), MachineKind.ITERATOR);
    }
  }
}
