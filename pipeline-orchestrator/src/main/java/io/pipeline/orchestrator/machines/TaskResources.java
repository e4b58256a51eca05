package io.pipeline.orchestrator.machines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The resources a definition's Task states name, at any depth (Parallel branches, Map processors).
 */
public final class TaskResources {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One Task state's resource.
   *
   * @param resource the ARN it names
   * @param pointer where, as a JSON pointer into the definition
   */
  public record Located(String resource, String pointer) {}

  private TaskResources() {}

  /** The Task resources of a definition; none for text that is not JSON (the parser says why). */
  public static List<Located> of(String definition) {
    List<Located> found = new ArrayList<>();
    try {
      walk(JSON.readTree(definition), "", found);
    } catch (JsonProcessingException e) {
      // The definition parser has already said what is wrong with the text.
    }
    return found;
  }

  private static void walk(JsonNode node, String pointer, List<Located> found) {
    if (node.isObject()) {
      JsonNode resource = node.get("Resource");
      if ("Task".equals(node.path("Type").asText()) && resource != null && resource.isTextual()) {
        found.add(new Located(resource.asText(), pointer + "/Resource"));
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        walk(field.getValue(), pointer + "/" + escape(field.getKey()), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, found);
      }
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
