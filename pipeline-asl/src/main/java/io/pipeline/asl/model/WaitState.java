package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Waits for a time: exactly one of its four fields is set.
 *
 * @param seconds {@code Seconds}: a number, or a JSONata template
 * @param timestamp {@code Timestamp}: a string, or a JSONata template
 * @param secondsPath {@code SecondsPath}
 * @param timestampPath {@code TimestampPath}
 */
public record WaitState(
    String name,
    StateIo io,
    Optional<JsonNode> seconds,
    Optional<JsonNode> timestamp,
    Optional<String> secondsPath,
    Optional<String> timestampPath,
    JsonNode json)
    implements State {}
