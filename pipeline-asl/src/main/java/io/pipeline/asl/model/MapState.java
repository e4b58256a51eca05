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
 * @param itemReader where the items are read from ({@code ItemReader}), instead of the input
 * @param itemBatcher how items are grouped into batches ({@code ItemBatcher})
 * @param resultWriter where the results are written ({@code ResultWriter})
 * @param label the label of a distributed Map's runs
 */
public record MapState(
    String name,
    StateIo io,
    StateMachine processor,
    boolean distributed,
    PathField itemsPath,
    Optional<JsonNode> items,
    Optional<JsonNode> itemSelector,
    Optional<JsonNode> itemReader,
    Optional<JsonNode> itemBatcher,
    Optional<JsonNode> resultWriter,
    Optional<String> label,
    JsonNode json)
    implements State {}
