package io.pipeline.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Does work outside the engine: an activity, an integration, a nested execution.
 *
 * @param resource what runs the work, e.g. an activity ARN or an integration's resource
 * @param timeoutSeconds {@code TimeoutSeconds}: a number, or a JSONata template
 * @param timeoutSecondsPath {@code TimeoutSecondsPath}
 * @param heartbeatSeconds {@code HeartbeatSeconds}: a number, or a JSONata template
 * @param heartbeatSecondsPath {@code HeartbeatSecondsPath}
 */
public record TaskState(
    String name,
    StateIo io,
    String resource,
    Optional<JsonNode> timeoutSeconds,
    Optional<String> timeoutSecondsPath,
    Optional<JsonNode> heartbeatSeconds,
    Optional<String> heartbeatSecondsPath,
    JsonNode json)
    implements State {}
