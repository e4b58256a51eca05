package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Runs a state machine for each item of an array; its result is the array of their outputs.
 *
 * @param processor the item processor ({@code ItemProcessor}, or legacy {@code Iterator})
 * @param distributed whether the processor's mode is {@code DISTRIBUTED}
 * @param itemsPath JSONPath to the items
 * @param items JSONata items expression (or a literal array)
 * @param itemSelector builds each item's input ({@code ItemSelector}, or legacy {@code Parameters})
 */
public record MapState(
    String name,
    StateIo io,
    StateMachine processor,
    boolean distributed,
    PathField itemsPath,
    Optional<JsonNode> items,
    Optional<JsonNode> itemSelector,
    JsonNode json)
    implements State {}
