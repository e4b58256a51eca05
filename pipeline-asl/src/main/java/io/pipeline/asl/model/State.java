package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One state of a state machine: a record per type. */
public sealed interface State
    permits PassState,
        TaskState,
        ChoiceState,
        WaitState,
        SucceedState,
        FailState,
        ParallelState,
        MapState {

  /** The state's name. */
  String name();

  /** Its input/output processing, transition and error handling. */
  StateIo io();

  /** The state's JSON, as defined. */
  JsonNode json();

  /** The type's name as ASL spells it, e.g. {@code Pass}. */
  default String typeName() {
    return json().path("Type").asText();
  }
}
