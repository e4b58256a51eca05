package io.pipeline.asl.parse;

/**
 * The stable codes of the {@link Diagnostic}s that {@link DefinitionValidator} reports. Where AWS's
 * {@code ValidateStateMachineDefinition} has a code of its own for a problem (most fall under its
 * {@code SCHEMA_VALIDATION_FAILED}), the Javadoc names it.
 */
public final class DiagnosticCodes {

  /** The definition serialises to more than 1 MiB. */
  public static final String DEFINITION_TOO_LARGE = "DEFINITION_TOO_LARGE";

  /** A state machine, a state, a retrier, a catcher or a choice rule is not a JSON object. */
  public static final String NOT_AN_OBJECT = "NOT_AN_OBJECT";

  /** A field has the wrong JSON type, e.g. a numeric {@code Next}. */
  public static final String INVALID_FIELD_TYPE = "INVALID_FIELD_TYPE";

  /** A field the States Language does not define anywhere. */
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

  /** A field the States Language defines, but not for this kind of state, e.g. Pass's Resource. */
  public static final String FIELD_NOT_ALLOWED = "FIELD_NOT_ALLOWED";

  /**
   * A field of the other query language: {@code InputPath} in a JSONata state, {@code Output} in a
   * JSONPath state.
   */
  public static final String FIELD_NOT_IN_QUERY_LANGUAGE = "FIELD_NOT_IN_QUERY_LANGUAGE";

  /** {@code QueryLanguage} is neither {@code JSONPath} nor {@code JSONata}. */
  public static final String INVALID_QUERY_LANGUAGE = "INVALID_QUERY_LANGUAGE";

  /** A state asks for JSONPath inside a state machine (or state) that uses JSONata. */
  public static final String JSONPATH_UNDER_JSONATA = "JSONPATH_UNDER_JSONATA";

  /** A state machine without {@code StartAt}. */
  public static final String MISSING_START_AT = "MISSING_START_AT";

  /** A state machine without states. */
  public static final String MISSING_STATES = "MISSING_STATES";

  /** A state without {@code Type}. */
  public static final String MISSING_TYPE = "MISSING_TYPE";

  /** A {@code Type} that is not one of the eight state types. */
  public static final String INVALID_STATE_TYPE = "INVALID_STATE_TYPE";

  /** A state that needs {@code Next} or {@code "End": true} has neither; a catcher without Next. */
  public static final String MISSING_NEXT = "MISSING_NEXT";

  /** A state has both {@code Next} and {@code "End": true}. */
  public static final String NEXT_AND_END = "NEXT_AND_END";

  /**
   * {@code StartAt}, {@code Next}, {@code Default} or a catcher's {@code Next} names no state of
   * its state machine (AWS: {@code MISSING_TRANSITION_TARGET}).
   */
  public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";

  /**
   * A state no path from {@code StartAt} leads to. An error, as in AWS, which rejects such a
   * definition with {@code MISSING_TRANSITION_TARGET: State "X" is not reachable}.
   */
  public static final String UNREACHABLE_STATE = "UNREACHABLE_STATE";

  /**
   * A state machine none of whose states can end it: no {@code "End": true}, Succeed or Fail (AWS:
   * {@code MISSING_END_STATE}).
   */
  public static final String MISSING_END_STATE = "MISSING_END_STATE";

  /**
   * A state name used twice in one definition, e.g. in two branches: state names are unique in the
   * whole state machine (AWS: {@code DUPLICATE_STATE_NAME}).
   */
  public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";

  /** A Choice state without rules in {@code Choices}. */
  public static final String MISSING_CHOICES = "MISSING_CHOICES";

  /** A JSONPath choice rule with a problem, at the rule's own location. */
  public static final String INVALID_CHOICE_RULE = "INVALID_CHOICE_RULE";

  /** A JSONata choice rule without {@code Condition}. */
  public static final String MISSING_CONDITION = "MISSING_CONDITION";

  /** A Parallel state without branches. */
  public static final String MISSING_BRANCHES = "MISSING_BRANCHES";

  /** A Map state without {@code ItemProcessor} (or the older {@code Iterator}). */
  public static final String MISSING_ITEM_PROCESSOR = "MISSING_ITEM_PROCESSOR";

  /** A Task state without {@code Resource}. */
  public static final String MISSING_RESOURCE = "MISSING_RESOURCE";

  /** A path that is not valid JSONPath, or not a reference path where one is needed. */
  public static final String INVALID_PATH = "INVALID_PATH";

  /** An intrinsic function call ({@code States.Format(...)}) that does not parse. */
  public static final String INVALID_INTRINSIC = "INVALID_INTRINSIC";

  /**
   * A warning: a payload template field whose value looks like a path or an intrinsic call but
   * whose name does not end in {@code .$}, so the value is taken literally (AWS: {@code
   * NO_DOLLAR}).
   */
  public static final String NO_DOLLAR = "NO_DOLLAR";

  /** A string that opens a JSONata template with <code>{%</code> but does not close it. */
  public static final String INVALID_JSONATA_TEMPLATE = "INVALID_JSONATA_TEMPLATE";

  /** A JSONata expression that does not compile. */
  public static final String INVALID_JSONATA = "INVALID_JSONATA";

  /** A retrier or catcher without a non-empty {@code ErrorEquals}. */
  public static final String MISSING_ERROR_EQUALS = "MISSING_ERROR_EQUALS";

  /** {@code States.ALL} together with other names in one {@code ErrorEquals}. */
  public static final String STATES_ALL_NOT_ALONE = "STATES_ALL_NOT_ALONE";

  /** A retrier or catcher for {@code States.ALL} that is not the last of its array. */
  public static final String STATES_ALL_NOT_LAST = "STATES_ALL_NOT_LAST";

  /** An error name starting with {@code States.} that the States Language does not define. */
  public static final String UNKNOWN_STATES_ERROR = "UNKNOWN_STATES_ERROR";

  /** {@code MaxAttempts} is not an integer from 0 to 99999999. */
  public static final String INVALID_MAX_ATTEMPTS = "INVALID_MAX_ATTEMPTS";

  /** {@code IntervalSeconds} is not an integer from 1 to 99999999. */
  public static final String INVALID_INTERVAL_SECONDS = "INVALID_INTERVAL_SECONDS";

  /** {@code BackoffRate} is not a number of at least 1.0. */
  public static final String INVALID_BACKOFF_RATE = "INVALID_BACKOFF_RATE";

  /** {@code MaxDelaySeconds} is not an integer from 1 to 31622400. */
  public static final String INVALID_MAX_DELAY_SECONDS = "INVALID_MAX_DELAY_SECONDS";

  /** {@code JitterStrategy} is neither {@code FULL} nor {@code NONE}. */
  public static final String INVALID_JITTER_STRATEGY = "INVALID_JITTER_STRATEGY";

  /**
   * Two fields that exclude each other are both set, e.g. {@code TimeoutSeconds} and {@code
   * TimeoutSecondsPath}; reported at the second.
   */
  public static final String EXCLUSIVE_FIELDS = "EXCLUSIVE_FIELDS";

  /** {@code TimeoutSeconds} or {@code HeartbeatSeconds} is not an integer from 1 to 99999999. */
  public static final String INVALID_TIMEOUT = "INVALID_TIMEOUT";

  /** A Task's {@code HeartbeatSeconds} is not below its {@code TimeoutSeconds}. */
  public static final String HEARTBEAT_NOT_BELOW_TIMEOUT = "HEARTBEAT_NOT_BELOW_TIMEOUT";

  /**
   * A Wait state without exactly one of {@code Seconds}, {@code SecondsPath}, {@code Timestamp} and
   * {@code TimestampPath}.
   */
  public static final String INVALID_WAIT = "INVALID_WAIT";

  /** Any other value out of its range or set, e.g. a negative {@code MaxConcurrency}. */
  public static final String INVALID_VALUE = "INVALID_VALUE";

  private DiagnosticCodes() {}
}
