package io.pipeline.asl.model;

import java.util.Optional;

/**
 * Where a state goes when it is done: the next state, or the end of its state machine.
 *
 * @param next the next state's name, empty at the end
 */
public record Transition(Optional<String> next) {

  public static final Transition END = new Transition(Optional.empty());

  public static Transition to(String state) {
    return new Transition(Optional.of(state));
  }

  public boolean isEnd() {
    return next.isEmpty();
  }
}
