package io.pipeline.asl.parse;

import java.util.Arrays;
import java.util.Optional;

/** The eight kinds of state, as spelled in {@code Type}. */
enum StateType {
  PASS("Pass"),
  TASK("Task"),
  CHOICE("Choice"),
  WAIT("Wait"),
  SUCCEED("Succeed"),
  FAIL("Fail"),
  PARALLEL("Parallel"),
  MAP("Map");

  private final String spelling;

  StateType(String spelling) {
    this.spelling = spelling;
  }

  /** The type a {@code Type} value names, if any. */
  static Optional<StateType> of(String spelling) {
    return Arrays.stream(values()).filter(t -> t.spelling.equals(spelling)).findFirst();
  }

  /** How the definition spells it. */
  String spelling() {
    return spelling;
  }

  /** Whether a state of this type moves on with {@code Next} or ends with {@code "End": true}. */
  boolean transitions() {
    return this != CHOICE && this != SUCCEED && this != FAIL;
  }

  /** Whether the state itself ends its state machine: Succeed and Fail. */
  boolean ends() {
    return this == SUCCEED || this == FAIL;
  }

  /** Whether the state may have {@code Retry} and {@code Catch}. */
  boolean handlesErrors() {
    return this == TASK || this == PARALLEL || this == MAP;
  }
}
