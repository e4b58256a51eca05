package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Passes its input on, or a fixed {@code Result}. */
public record PassState(String name, StateIo io, Optional<JsonNode> result, JsonNode json)
    implements State {}
