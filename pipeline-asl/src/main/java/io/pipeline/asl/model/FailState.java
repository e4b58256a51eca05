package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Ends its state machine with an error.
 *
 * @param error a fixed error name (or a JSONata template)
 * @param errorPath a path or intrinsic giving the error name
 * @param cause a fixed cause (or a JSONata template)
 * @param causePath a path or intrinsic giving the cause
 */
public record FailState(
    String name,
    StateIo io,
    Optional<JsonNode> error,
    Optional<String> errorPath,
    Optional<JsonNode> cause,
    Optional<String> causePath,
    JsonNode json)
    implements State {}
