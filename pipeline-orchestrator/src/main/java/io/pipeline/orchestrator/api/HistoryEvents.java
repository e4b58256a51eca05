package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.history.EventDetails;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;

/** History events in GetExecutionHistory's shape (see {@link EventDetails}). */
final class HistoryEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryEvents() {}

  static ObjectNode format(ExecutionHistoryEvent event, boolean includeData) {
    ObjectNode json = JSON.createObjectNode();
    json.put("timestamp", Fields.epochSeconds(event.getTimestamp()));
    json.put("type", event.getType());
    json.put("id", event.getId());
    json.put("previousEventId", event.getPreviousEventId());
    JsonNode details = parse(event.getDetails());
    if (details.isObject()) {
      json.set(EventDetails.field(event.getType()), EventDetails.shape(details, includeData));
    }
    return json;
  }

  private static JsonNode parse(String details) {
    try {
      return JSON.readTree(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored history event's details are not JSON", e);
    }
  }
}
