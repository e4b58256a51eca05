package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of an execution's history, as AWS's GetExecutionHistory reports them.
 *
 * @param id its id, from 1, in the order the events happened
 * @param previousEventId the event that caused it, 0 for none
 * @param type the AWS event type, e.g. {@code PassStateEntered}
 * @param timestamp when it happened
 * @param details its details: state name, input, output, error, cause...
 */
public record HistoryEvent(
    long id, long previousEventId, String type, Instant timestamp, JsonNode details) {}
