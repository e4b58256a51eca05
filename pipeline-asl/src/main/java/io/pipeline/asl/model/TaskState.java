package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Does work outside the engine: an activity, an integration, a nested execution. */
public record TaskState(String name, StateIo io, String resource, JsonNode json) implements State {}
