package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * History events in GetExecutionHistory's shape: each event's details under {@code
 * <eventType>EventDetails} (states' entries and exits share {@code stateEnteredEventDetails} and
 * {@code stateExitedEventDetails}), with inputs and outputs as JSON text beside {@code
 * inputDetails}/{@code outputDetails}, as Step Functions sends them.
 */
final class HistoryEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields that carry execution data: JSON text, left out without includeExecutionData. */
  private static final Set<String> DATA_FIELDS = Set.of("input", "output", "parameters");

  private HistoryEvents() {}

  static ObjectNode format(ExecutionHistoryEvent event, boolean includeData) {
    ObjectNode json = JSON.createObjectNode();
    json.put("timestamp", Fields.epochSeconds(event.getTimestamp()));
    json.put("type", event.getType());
    json.put("id", event.getId());
    json.put("previousEventId", event.getPreviousEventId());
    JsonNode details = parse(event.getDetails());
    if (details.isObject()) {
      ObjectNode shaped = JSON.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = details.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (DATA_FIELDS.contains(field.getKey())) {
          if (includeData) {
            JsonNode value = field.getValue();
            shaped.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
            shaped.putObject(field.getKey() + "Details").put("truncated", false);
          }
        } else if (field.getValue().isValueNode()) {
          shaped.set(field.getKey(), field.getValue());
        } else {
          shaped.put(field.getKey(), field.getValue().toString());
        }
      }
      json.set(detailsField(event.getType()), shaped);
    }
    return json;
  }

  /** {@code PassStateEntered} → {@code stateEnteredEventDetails}; else the type, lower camel. */
  static String detailsField(String type) {
    if (type.endsWith("StateEntered")) {
      return "stateEnteredEventDetails";
    }
    if (type.endsWith("StateExited")) {
      return "stateExitedEventDetails";
    }
    return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
  }

  private static JsonNode parse(String details) {
    try {
      return JSON.readTree(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored history event's details are not JSON", e);
    }
  }
}
