package io.pipeline.asl.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.choice.ChoiceBranch;
import io.pipeline.asl.choice.ChoiceRule;
import io.pipeline.asl.choice.ChoiceRules;
import io.pipeline.asl.model.Catcher;
import io.pipeline.asl.model.ChoiceState;
import io.pipeline.asl.model.FailState;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.PassState;
import io.pipeline.asl.model.PathField;
import io.pipeline.asl.model.QueryLanguage;
import io.pipeline.asl.model.Retrier;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateIo;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.model.SucceedState;
import io.pipeline.asl.model.TaskState;
import io.pipeline.asl.model.Transition;
import io.pipeline.asl.model.WaitState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses an ASL definition into a {@link StateMachine}, collecting every problem as a {@link
 * Diagnostic} with its location rather than stopping at the first.
 */
public final class DefinitionParser {

  /** The largest definition AWS accepts, in bytes. */
  public static final int MAX_DEFINITION_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private DefinitionParser() {}

  /** Parses a definition's text. */
  public static ParseResult parse(String definition) {
    DefinitionParser parser = new DefinitionParser();
    return parser.read(definition).map(DefinitionParser::parse).orElseGet(parser::result);
  }

  /**
   * Parses the definition of one state on its own, as TestState takes it (see {@link
   * DefinitionValidator#validateState}).
   *
   * @param definition the state's definition, as text
   * @param name the name the state goes by
   * @return a state machine of that one state, which starts and may end with it; diagnostics point
   *     into the state's definition
   */
  public static ParseResult parseState(String definition, String name) {
    DefinitionParser parser = new DefinitionParser();
    Optional<JsonNode> json = parser.read(definition);
    if (json.isEmpty()) {
      return parser.result();
    }
    parser.diagnostics.addAll(DefinitionValidator.validateState(json.get(), name));
    if (parser.hasErrors()) {
      return parser.result();
    }
    Optional<StateMachine> machine =
        parser
            .state(name, json.get(), "", QueryLanguage.JSONPATH)
            .map(
                state ->
                    new StateMachine(
                        name,
                        Map.of(name, state),
                        QueryLanguage.JSONPATH,
                        Optional.empty(),
                        json.get()));
    return new ParseResult(parser.hasErrors() ? Optional.empty() : machine, parser.diagnostics);
  }

  /** A definition's text as JSON, or nothing when it is too large or not JSON (and why). */
  private Optional<JsonNode> read(String definition) {
    if (definition.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES) {
      error("DEFINITION_TOO_LARGE", "the definition is larger than 1 MiB", "");
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(definition));
    } catch (JsonProcessingException e) {
      error(
          "INVALID_JSON",
          "the definition is not JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          "");
      return Optional.empty();
    }
  }

  private boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  /** What was found, without a state machine. */
  private ParseResult result() {
    return new ParseResult(Optional.empty(), diagnostics);
  }

  /**
   * Parses a definition already read as JSON: it is validated first ({@link DefinitionValidator}),
   * and every problem is reported at once; only a definition without errors gives a state machine.
   */
  public static ParseResult parse(JsonNode definition) {
    List<Diagnostic> findings = DefinitionValidator.validate(definition);
    if (findings.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
      return new ParseResult(Optional.empty(), findings);
    }
    DefinitionParser parser = new DefinitionParser();
    parser.diagnostics.addAll(findings);
    Optional<StateMachine> machine = parser.machine(definition, "", QueryLanguage.JSONPATH, true);
    return new ParseResult(parser.hasErrors() ? Optional.empty() : machine, parser.diagnostics);
  }

  private Optional<StateMachine> machine(
      JsonNode json, String at, QueryLanguage inherited, boolean topLevel) {
    if (!json.isObject()) {
      error("NOT_AN_OBJECT", "a state machine must be a JSON object", at);
      return Optional.empty();
    }
    QueryLanguage language = queryLanguage(json, at).orElse(inherited);
    String startAt = text(json, "StartAt", at).orElse(null);
    if (startAt == null) {
      error("MISSING_START_AT", "StartAt is required", at);
    }
    JsonNode statesJson = json.get("States");
    if (statesJson == null || !statesJson.isObject() || statesJson.isEmpty()) {
      error("MISSING_STATES", "States must be an object with at least one state", at + "/States");
      return Optional.empty();
    }
    Map<String, State> states = new LinkedHashMap<>();
    statesJson
        .fields()
        .forEachRemaining(
            e -> {
              String stateAt = at + "/States/" + escape(e.getKey());
              state(e.getKey(), e.getValue(), stateAt, language)
                  .ifPresent(s -> states.put(e.getKey(), s));
            });
    if (startAt != null && !statesJson.has(startAt)) {
      error(
          "MISSING_TRANSITION_TARGET",
          "StartAt names no state: '" + startAt + "'",
          at + "/StartAt");
    }
    checkTransitions(states, at);
    Optional<Integer> timeout =
        topLevel && json.has("TimeoutSeconds")
            ? Optional.of(json.get("TimeoutSeconds").asInt())
            : Optional.empty();
    return startAt == null
        ? Optional.empty()
        : Optional.of(new StateMachine(startAt, states, language, timeout, json));
  }

  private void checkTransitions(Map<String, State> states, String at) {
    states.forEach(
        (name, state) -> {
          String stateAt = at + "/States/" + escape(name);
          state
              .io()
              .transition()
              .next()
              .filter(n -> !states.containsKey(n))
              .ifPresent(
                  n ->
                      error(
                          "MISSING_TRANSITION_TARGET",
                          "Next names no state: '" + n + "'",
                          stateAt + "/Next"));
          state.io().catchers().stream()
              .map(Catcher::next)
              .filter(n -> !states.containsKey(n))
              .forEach(
                  n ->
                      error(
                          "MISSING_TRANSITION_TARGET",
                          "Catch names no state: '" + n + "'",
                          stateAt + "/Catch"));
          if (state instanceof ChoiceState choice) {
            choice.choices().stream()
                .map(ChoiceState.Choice::next)
                .filter(n -> !states.containsKey(n))
                .forEach(
                    n ->
                        error(
                            "MISSING_TRANSITION_TARGET",
                            "Choice names no state: '" + n + "'",
                            stateAt + "/Choices"));
            choice
                .defaultState()
                .filter(n -> !states.containsKey(n))
                .ifPresent(
                    n ->
                        error(
                            "MISSING_TRANSITION_TARGET",
                            "Default names no state: '" + n + "'",
                            stateAt + "/Default"));
          }
        });
  }

  private Optional<State> state(String name, JsonNode json, String at, QueryLanguage inherited) {
    if (!json.isObject()) {
      error("NOT_AN_OBJECT", "a state must be a JSON object", at);
      return Optional.empty();
    }
    Optional<String> type = text(json, "Type", at);
    if (type.isEmpty()) {
      error("MISSING_TYPE", "Type is required", at);
      return Optional.empty();
    }
    QueryLanguage language = queryLanguage(json, at).orElse(inherited);
    boolean terminal =
        type.get().equals("Succeed") || type.get().equals("Fail") || type.get().equals("Choice");
    StateIo io = io(json, at, language, terminal);
    return switch (type.get()) {
      case "Pass" ->
          Optional.of(new PassState(name, io, Optional.ofNullable(json.get("Result")), json));
      case "Task" ->
          Optional.of(
              new TaskState(
                  name,
                  io,
                  text(json, "Resource", at).orElse(""),
                  Optional.ofNullable(json.get("TimeoutSeconds")),
                  text(json, "TimeoutSecondsPath", at),
                  Optional.ofNullable(json.get("HeartbeatSeconds")),
                  text(json, "HeartbeatSecondsPath", at),
                  json));
      case "Succeed" -> Optional.of(new SucceedState(name, io, json));
      case "Fail" ->
          Optional.of(
              new FailState(
                  name,
                  io,
                  Optional.ofNullable(json.get("Error")),
                  text(json, "ErrorPath", at),
                  Optional.ofNullable(json.get("Cause")),
                  text(json, "CausePath", at),
                  json));
      case "Wait" ->
          Optional.of(
              new WaitState(
                  name,
                  io,
                  Optional.ofNullable(json.get("Seconds")),
                  Optional.ofNullable(json.get("Timestamp")),
                  text(json, "SecondsPath", at),
                  text(json, "TimestampPath", at),
                  json));
      case "Choice" -> Optional.of(choice(name, json, at, io, language));
      case "Parallel" -> parallel(name, json, at, io, language);
      case "Map" -> map(name, json, at, io, language);
      default -> {
        error("INVALID_STATE_TYPE", "unknown state type '" + type.get() + "'", at + "/Type");
        yield Optional.empty();
      }
    };
  }

  private StateIo io(JsonNode json, String at, QueryLanguage language, boolean terminal) {
    Transition transition = Transition.END;
    if (json.has("Next")) {
      transition = Transition.to(json.get("Next").asText());
    } else if (!terminal && !json.path("End").asBoolean(false)) {
      error("MISSING_NEXT", "a state needs Next or \"End\": true", at);
    }
    return new StateIo(
        language,
        pathField(json, "InputPath"),
        Optional.ofNullable(json.get("Parameters")),
        Optional.ofNullable(json.get("ResultSelector")),
        pathField(json, "ResultPath"),
        pathField(json, "OutputPath"),
        Optional.ofNullable(json.get("Arguments")),
        Optional.ofNullable(json.get("Output")),
        Optional.ofNullable(json.get("Assign")),
        transition,
        retriers(json.path("Retry")),
        catchers(json.path("Catch"), at));
  }

  private static PathField pathField(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null) {
      return PathField.ABSENT;
    }
    return value.isNull() ? PathField.NULL : PathField.of(value.asText());
  }

  private List<Retrier> retriers(JsonNode retry) {
    List<Retrier> retriers = new ArrayList<>();
    for (JsonNode r : retry) {
      retriers.add(
          new Retrier(
              strings(r.path("ErrorEquals")),
              r.path("IntervalSeconds").asInt(1),
              r.path("MaxAttempts").asInt(3),
              r.path("BackoffRate").asDouble(2.0),
              r.has("MaxDelaySeconds")
                  ? Optional.of(r.get("MaxDelaySeconds").asInt())
                  : Optional.empty(),
              "FULL".equals(r.path("JitterStrategy").asText("NONE"))
                  ? Retrier.Jitter.FULL
                  : Retrier.Jitter.NONE));
    }
    return retriers;
  }

  private List<Catcher> catchers(JsonNode catchJson, String at) {
    List<Catcher> catchers = new ArrayList<>();
    int i = 0;
    for (JsonNode c : catchJson) {
      if (!c.has("Next")) {
        error("MISSING_NEXT", "a catcher needs Next", at + "/Catch/" + i);
      }
      catchers.add(
          new Catcher(
              strings(c.path("ErrorEquals")),
              c.path("Next").asText(),
              pathField(c, "ResultPath"),
              Optional.ofNullable(c.get("Output")),
              Optional.ofNullable(c.get("Assign"))));
      i++;
    }
    return catchers;
  }

  private ChoiceState choice(
      String name, JsonNode json, String at, StateIo io, QueryLanguage language) {
    List<ChoiceState.Choice> choices = new ArrayList<>();
    JsonNode choicesJson = json.path("Choices");
    if (!choicesJson.isArray() || choicesJson.isEmpty()) {
      error(
          "MISSING_CHOICES", "a Choice state needs at least one rule in Choices", at + "/Choices");
    }
    int i = 0;
    for (JsonNode choice : choicesJson) {
      String choiceAt = at + "/Choices/" + i++;
      if (!choice.has("Next")) {
        error("MISSING_NEXT", "a choice rule needs Next", choiceAt);
      }
      Optional<ChoiceRule> rule = Optional.empty();
      Optional<JsonNode> condition = Optional.ofNullable(choice.get("Condition"));
      if (language == QueryLanguage.JSONPATH) {
        List<String> problems = new ArrayList<>();
        rule = choiceRule(choice, choiceAt, problems);
        problems.forEach(p -> error("INVALID_CHOICE_RULE", p, choiceAt));
      } else if (condition.isEmpty()) {
        error("MISSING_CONDITION", "a JSONata choice rule needs Condition", choiceAt);
      }
      choices.add(
          new ChoiceState.Choice(
              rule,
              condition,
              choice.path("Next").asText(),
              Optional.ofNullable(choice.get("Output")),
              Optional.ofNullable(choice.get("Assign"))));
    }
    return new ChoiceState(name, io, choices, text(json, "Default", at), json);
  }

  private static Optional<ChoiceRule> choiceRule(
      JsonNode choice, String at, List<String> problems) {
    return ChoiceRules.parseBranch(choice, at, problems).map(ChoiceBranch::rule);
  }

  private Optional<State> parallel(
      String name, JsonNode json, String at, StateIo io, QueryLanguage language) {
    JsonNode branchesJson = json.path("Branches");
    if (!branchesJson.isArray() || branchesJson.isEmpty()) {
      error("MISSING_BRANCHES", "a Parallel state needs at least one branch", at + "/Branches");
      return Optional.empty();
    }
    List<StateMachine> branches = new ArrayList<>();
    int i = 0;
    for (JsonNode branch : branchesJson) {
      machine(branch, at + "/Branches/" + i++, language, false).ifPresent(branches::add);
    }
    return Optional.of(new ParallelState(name, io, branches, json));
  }

  private Optional<State> map(
      String name, JsonNode json, String at, StateIo io, QueryLanguage language) {
    JsonNode processorJson =
        json.has("ItemProcessor") ? json.get("ItemProcessor") : json.get("Iterator");
    if (processorJson == null) {
      error("MISSING_ITEM_PROCESSOR", "a Map state needs ItemProcessor", at);
      return Optional.empty();
    }
    String processorAt = at + (json.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
    Optional<StateMachine> processor = machine(processorJson, processorAt, language, false);
    boolean distributed =
        "DISTRIBUTED".equals(processorJson.path("ProcessorConfig").path("Mode").asText("INLINE"));
    Optional<JsonNode> itemSelector =
        Optional.ofNullable(json.get("ItemSelector"))
            .or(() -> Optional.ofNullable(json.get("Parameters")));
    return processor.map(
        p ->
            new MapState(
                name,
                io,
                p,
                distributed,
                pathField(json, "ItemsPath"),
                Optional.ofNullable(json.get("Items")),
                itemSelector,
                Optional.ofNullable(json.get("ItemReader")),
                Optional.ofNullable(json.get("ItemBatcher")),
                Optional.ofNullable(json.get("ResultWriter")),
                text(json, "Label", at),
                json));
  }

  private Optional<QueryLanguage> queryLanguage(JsonNode json, String at) {
    if (!json.has("QueryLanguage")) {
      return Optional.empty();
    }
    try {
      return Optional.of(QueryLanguage.parse(json.get("QueryLanguage").asText()));
    } catch (IllegalArgumentException e) {
      error("INVALID_QUERY_LANGUAGE", e.getMessage(), at + "/QueryLanguage");
      return Optional.empty();
    }
  }

  private Optional<String> text(JsonNode json, String field, String at) {
    JsonNode value = json.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      error("INVALID_FIELD_TYPE", field + " must be a string", at + "/" + field);
      return Optional.empty();
    }
    return Optional.of(value.textValue());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private void error(String code, String message, String location) {
    diagnostics.add(Diagnostic.error(code, message, location));
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
