package io.pipeline.orchestrator.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An engine history event's details as Step Functions shows them, in GetExecutionHistory and in
 * execution logs alike: inputs and outputs as JSON text beside {@code inputDetails}/{@code
 * outputDetails}, left out without execution data; under {@code <eventType>EventDetails}, where
 * states' entries and exits share {@code stateEnteredEventDetails} and {@code
 * stateExitedEventDetails}.
 */
public final class EventDetails {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields that carry execution data: JSON text, left out without execution data. */
  private static final Set<String> DATA_FIELDS = Set.of("input", "output", "parameters");

  private EventDetails() {}

  /** The details, shaped; {@code includeData} false leaves inputs and outputs out. */
  public static ObjectNode shape(JsonNode details, boolean includeData) {
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
    return shaped;
  }

  /** {@code PassStateEntered} → {@code stateEnteredEventDetails}; else the type, lower camel. */
  public static String field(String type) {
    if (type.endsWith("StateEntered")) {
      return "stateEnteredEventDetails";
    }
    if (type.endsWith("StateExited")) {
      return "stateExitedEventDetails";
    }
    return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
  }
}
