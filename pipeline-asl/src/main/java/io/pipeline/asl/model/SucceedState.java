package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Ends its state machine successfully. */
public record SucceedState(String name, StateIo io, JsonNode json) implements State {}
