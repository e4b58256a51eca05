package io.pipeline.asl.choice;

import java.util.Objects;

/**
 * A top-level entry of a Choice state's {@code Choices} array: the rule and the state to go to when
 * it is true.
 *
 * @param rule the rule
 * @param next the name of the next state; whether it exists is the caller's to check
 */
public record ChoiceBranch(ChoiceRule rule, String next) {
  public ChoiceBranch {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(next, "next");
  }
}
