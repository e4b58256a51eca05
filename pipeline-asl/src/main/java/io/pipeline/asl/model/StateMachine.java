package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed state machine (a whole definition, a Parallel branch or a Map item processor).
 *
 * @param startAt the first state
 * @param states the states by name
 * @param queryLanguage the default query language of its states
 * @param timeoutSeconds the execution timeout (top level only)
 * @param json the definition as written
 */
public record StateMachine(
    String startAt,
    Map<String, State> states,
    QueryLanguage queryLanguage,
    Optional<Integer> timeoutSeconds,
    JsonNode json) {

  public StateMachine {
    states = Map.copyOf(states);
  }

  /**
   * The same machine with its execution timeout at most {@code seconds}: a longer or missing one is
   * cut to it, as Express executions are to five minutes.
   */
  public StateMachine withTimeoutAtMost(int seconds) {
    return new StateMachine(
        startAt,
        states,
        queryLanguage,
        Optional.of(Math.min(timeoutSeconds.orElse(seconds), seconds)),
        json);
  }

  /** The state of this name. */
  public State state(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalArgumentException("no state named '" + name + "'");
    }
    return state;
  }
}
