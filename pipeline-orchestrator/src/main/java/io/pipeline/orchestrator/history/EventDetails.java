package io.pipeline.orchestrator.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    try (TokenBuffer shaped = new TokenBuffer(JSON, false)) {
      write(details, includeData, shaped);
      return (ObjectNode) JSON.readTree(shaped.asParser());
    } catch (IOException e) {
      throw new UncheckedIOException("could not shape an event's details", e);
    }
  }

  /** Writes the details, shaped as {@link #shape} gives them, as an object to the generator. */
  public static void write(JsonNode details, boolean includeData, JsonGenerator json)
      throws IOException {
    json.writeStartObject();
    Iterator<Map.Entry<String, JsonNode>> fields = details.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (DATA_FIELDS.contains(name)) {
        if (includeData) {
          json.writeStringField(name, value.isTextual() ? value.asText() : value.toString());
          json.writeObjectFieldStart(name + "Details");
          json.writeBooleanField("truncated", false);
          json.writeEndObject();
        }
      } else if (value.isTextual()) {
        json.writeStringField(name, value.asText());
      } else if (value.isValueNode()) {
        json.writeFieldName(name);
        json.writeTree(value);
      } else {
        json.writeStringField(name, value.toString());
      }
    }
    json.writeEndObject();
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
