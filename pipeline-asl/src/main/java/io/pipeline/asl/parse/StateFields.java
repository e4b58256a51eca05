package io.pipeline.asl.parse;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which fields each kind of state, retrier, catcher, JSONata choice rule and state machine may
 * have, in JSONPath and in JSONata, after the States Language and AWS's documentation of each state
 * type. {@code Assign} belongs to both languages; {@code Arguments}, {@code Output}, {@code Items}
 * and {@code Condition} to JSONata only; {@code InputPath}, {@code Parameters}, {@code
 * ResultSelector}, {@code ResultPath}, {@code OutputPath}, {@code Result} and the {@code *Path}
 * fields to JSONPath only.
 */
final class StateFields {

  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> TRANSITION = Set.of("Next", "End");
  private static final Set<String> ERROR_HANDLING = Set.of("Retry", "Catch");

  private static final Map<StateType, FieldTable> STATES = new EnumMap<>(StateType.class);

  static {
    STATES.put(
        StateType.PASS,
        table(
            Set.of("Next", "End", "Assign"),
            Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "Result"),
            Set.of("Output")));
    STATES.put(
        StateType.TASK,
        table(
            union(
                TRANSITION,
                ERROR_HANDLING,
                Set.of("Resource", "Credentials", "TimeoutSeconds", "HeartbeatSeconds", "Assign")),
            Set.of(
                "InputPath",
                "OutputPath",
                "ResultPath",
                "Parameters",
                "ResultSelector",
                "TimeoutSecondsPath",
                "HeartbeatSecondsPath"),
            Set.of("Arguments", "Output")));
    STATES.put(
        StateType.CHOICE,
        table(
            Set.of("Choices", "Default", "Assign"),
            Set.of("InputPath", "OutputPath"),
            Set.of("Output")));
    STATES.put(
        StateType.WAIT,
        table(
            Set.of("Next", "End", "Seconds", "Timestamp", "Assign"),
            Set.of("InputPath", "OutputPath", "SecondsPath", "TimestampPath"),
            Set.of("Output")));
    STATES.put(
        StateType.SUCCEED, table(Set.of(), Set.of("InputPath", "OutputPath"), Set.of("Output")));
    STATES.put(
        StateType.FAIL,
        table(Set.of("Error", "Cause"), Set.of("ErrorPath", "CausePath"), Set.of()));
    STATES.put(
        StateType.PARALLEL,
        table(
            union(TRANSITION, ERROR_HANDLING, Set.of("Branches", "Assign")),
            Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector"),
            Set.of("Arguments", "Output")));
    STATES.put(
        StateType.MAP,
        table(
            union(
                TRANSITION,
                ERROR_HANDLING,
                Set.of(
                    "ItemProcessor",
                    "Iterator",
                    "ItemSelector",
                    "ItemReader",
                    "ItemBatcher",
                    "ResultWriter",
                    "MaxConcurrency",
                    "ToleratedFailurePercentage",
                    "ToleratedFailureCount",
                    "Label",
                    "Assign")),
            Set.of(
                "InputPath",
                "OutputPath",
                "ResultPath",
                "Parameters",
                "ResultSelector",
                "ItemsPath",
                "MaxConcurrencyPath",
                "ToleratedFailurePercentagePath",
                "ToleratedFailureCountPath"),
            Set.of("Items", "Output")));
  }

  /** Every field any state may have, in either language. */
  static final Set<String> KNOWN_STATE_FIELDS = known(STATES.values().toArray(FieldTable[]::new));

  /** The fields of a retrier, the same in both languages. */
  static final FieldTable RETRIER =
      FieldTable.either(
          Set.of(
              "ErrorEquals",
              "IntervalSeconds",
              "MaxAttempts",
              "BackoffRate",
              "MaxDelaySeconds",
              "JitterStrategy",
              "Comment"));

  /** The fields of a catcher. */
  static final FieldTable CATCHER =
      FieldTable.of(
          Set.of("ErrorEquals", "Next", "Assign", "Comment"),
          Set.of("ResultPath"),
          Set.of("Output"));

  /**
   * The fields of a JSONata choice rule; JSONPath rules are checked by {@link
   * io.pipeline.asl.choice.ChoiceRules}.
   */
  static final Set<String> JSONATA_CHOICE_RULE =
      Set.of("Condition", "Next", "Assign", "Output", "Comment");

  /** The fields of the top-level state machine. */
  static final Set<String> TOP_LEVEL =
      Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");

  /** The fields of a Parallel state's branch. */
  static final Set<String> BRANCH = Set.of("StartAt", "States", "Comment");

  /** The fields of a Map state's {@code ItemProcessor}. */
  static final Set<String> ITEM_PROCESSOR =
      Set.of("StartAt", "States", "Comment", "ProcessorConfig");

  /** Every field any state machine may have. */
  static final Set<String> KNOWN_MACHINE_FIELDS = union(TOP_LEVEL, BRANCH, ITEM_PROCESSOR);

  private StateFields() {}

  /** The table of a state type. */
  static FieldTable of(StateType type) {
    return STATES.get(type);
  }

  private static FieldTable table(
      Set<String> common, Set<String> jsonPathOnly, Set<String> jsonataOnly) {
    return FieldTable.of(union(COMMON, common), jsonPathOnly, jsonataOnly);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }

  private static Set<String> known(FieldTable... tables) {
    Set<String> all = new HashSet<>();
    for (FieldTable table : tables) {
      all.addAll(table.jsonPath());
      all.addAll(table.jsonata());
    }
    return Set.copyOf(all);
  }
}
