package io.pipeline.orchestrator.triggers;

/** What a template made of an event: the value, or why it could not be made. */
sealed interface Rendered<T> {

  /** The template's value for the event. */
  record Done<T>(T value) implements Rendered<T> {}

  /** The event lacks what the template reads; {@code reason} says what. */
  record Failed<T>(String reason) implements Rendered<T> {}
}
