package io.pipeline.orchestrator.machines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.model.ActivityArn;
import io.pipeline.asl.parse.Diagnostic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What Express state machines may not use, as Step Functions refuses them at creation: activities,
 * the run-a-job pattern ({@code .sync}) and callbacks ({@code .waitForTaskToken}), all of which
 * wait longer than an in-memory execution lives.
 */
final class ExpressRestrictions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpressRestrictions() {}

  /** What an Express definition uses that it may not, with where (JSON pointers). */
  static List<Diagnostic> violations(String definition) {
    List<Diagnostic> found = new ArrayList<>();
    try {
      walk(JSON.readTree(definition), "", found);
    } catch (JsonProcessingException e) {
      // The parser has already said what is wrong with the text.
    }
    return found;
  }

  private static void walk(JsonNode node, String pointer, List<Diagnostic> found) {
    if (node.isObject()) {
      JsonNode resource = node.get("Resource");
      if ("Task".equals(node.path("Type").asText()) && resource != null && resource.isTextual()) {
        check(resource.asText(), pointer + "/Resource", found);
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

  private static void check(String resource, String location, List<Diagnostic> found) {
    String problem = null;
    if (ActivityArn.name(resource).isPresent()) {
      problem = "Express state machines do not support activities: '" + resource + "'";
    } else if (resource.endsWith(".sync") || resource.matches(".*\\.sync:\\d+")) {
      problem =
          "Express state machines do not support the '.sync' service integration pattern: '"
              + resource
              + "'";
    } else if (resource.endsWith(".waitForTaskToken")) {
      problem =
          "Express state machines do not support the '.waitForTaskToken' service integration"
              + " pattern: '"
              + resource
              + "'";
    }
    if (problem != null) {
      found.add(Diagnostic.error("SCHEMA_VALIDATION_FAILED", problem, location));
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
