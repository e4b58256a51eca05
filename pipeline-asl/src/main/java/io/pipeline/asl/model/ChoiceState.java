package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.choice.ChoiceRule;
import java.util.List;
import java.util.Optional;

/** Chooses the next state by rules. */
public record ChoiceState(
    String name, StateIo io, List<Choice> choices, Optional<String> defaultState, JsonNode json)
    implements State {

  public ChoiceState {
    choices = List.copyOf(choices);
  }

  /**
   * One entry of {@code Choices}.
   *
   * @param rule the JSONPath rule, when the state uses JSONPath
   * @param condition the JSONata condition, when the state uses JSONata
   * @param next where to go when it matches
   * @param output JSONata output of the state when it matches
   * @param assign variables to set when it matches
   */
  public record Choice(
      Optional<ChoiceRule> rule,
      Optional<JsonNode> condition,
      String next,
      Optional<JsonNode> output,
      Optional<JsonNode> assign) {}
}
