package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The input and output processing fields a state may have, with its transition and error handling.
 * Fields a state type does not allow are absent (the parser reports them).
 *
 * @param queryLanguage the state's effective query language
 * @param inputPath JSONPath: selects the state's input
 * @param parameters JSONPath: builds the effective input (also {@code ItemSelector} of Map)
 * @param resultSelector JSONPath: reshapes a result
 * @param resultPath JSONPath: where the result goes in the input
 * @param outputPath JSONPath: selects the output
 * @param arguments JSONata: the effective input of a task
 * @param output JSONata: the state's output
 * @param assign variables to set
 * @param transition where the state goes next
 * @param retry the retriers
 * @param catchers the catchers
 */
public record StateIo(
    QueryLanguage queryLanguage,
    PathField inputPath,
    Optional<JsonNode> parameters,
    Optional<JsonNode> resultSelector,
    PathField resultPath,
    PathField outputPath,
    Optional<JsonNode> arguments,
    Optional<JsonNode> output,
    Optional<JsonNode> assign,
    Transition transition,
    List<Retrier> retry,
    List<Catcher> catchers) {

  public StateIo {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }
}
