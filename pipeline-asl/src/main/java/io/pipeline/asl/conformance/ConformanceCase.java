package io.pipeline.asl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One recorded execution of the conformance corpus format: a definition, an input, and what AWS
 * returned for them.
 *
 * @param id the case's id
 * @param definition the ASL definition
 * @param input the execution input
 * @param expected the expected outcome
 * @param history the expected event types, when recorded
 * @param historyOrder how to compare the history: exact, concurrent or normalized
 * @param stateMachineType STANDARD or EXPRESS
 */
public record ConformanceCase(
    String id,
    JsonNode definition,
    JsonNode input,
    JsonNode expected,
    Optional<List<String>> history,
    String historyOrder,
    String stateMachineType) {

  /** Reads a case from one line's JSON. */
  public static ConformanceCase of(JsonNode line, JsonNode parsedInput) {
    Optional<List<String>> history =
        line.hasNonNull("history")
            ? Optional.of(
                java.util.stream.StreamSupport.stream(line.get("history").spliterator(), false)
                    .map(JsonNode::asText)
                    .toList())
            : Optional.empty();
    return new ConformanceCase(
        line.path("id").asText(),
        line.get("definition"),
        parsedInput,
        line.get("expected"),
        history,
        line.path("history_order").asText("exact"),
        line.path("state_machine_type").asText("STANDARD"));
  }
}
