package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a state's {@code Catch}.
 *
 * @param errorEquals the errors it catches
 * @param next where the execution goes
 * @param resultPath where the error output goes (JSONPath)
 * @param output the state output (JSONata)
 * @param assign variables to set
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    PathField resultPath,
    Optional<JsonNode> output,
    Optional<JsonNode> assign) {

  public Catcher {
    errorEquals = List.copyOf(errorEquals);
  }
}
