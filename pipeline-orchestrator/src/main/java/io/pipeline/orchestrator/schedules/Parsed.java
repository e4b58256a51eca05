package io.pipeline.orchestrator.schedules;

/** A value parsed from part of an expression, or why that part is wrong. */
record Parsed<T>(T value, ScheduleExpressionError error) {

  static <T> Parsed<T> of(T value) {
    return new Parsed<>(value, null);
  }

  static <T> Parsed<T> failed(ScheduleExpressionError error) {
    return new Parsed<>(null, error);
  }

  boolean isFailed() {
    return error != null;
  }

  /** The same error, as the failure of a value of another type. */
  <U> Parsed<U> failure() {
    return failed(error);
  }
}
