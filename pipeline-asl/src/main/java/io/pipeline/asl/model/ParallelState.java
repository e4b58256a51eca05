package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Runs branches side by side; its result is the array of their outputs. */
public record ParallelState(String name, StateIo io, List<StateMachine> branches, JsonNode json)
    implements State {

  public ParallelState {
    branches = List.copyOf(branches);
  }
}
