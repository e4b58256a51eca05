package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.path.JsonPaths;

/** JSONPath into an event, with Step Functions' semantics (the engine's own evaluator). */
final class EventPaths {

  private static final JsonNode NO_CONTEXT = JsonNodeFactory.instance.objectNode();

  private EventPaths() {}

  /**
   * Checks a path written in a rule.
   *
   * @return why the path is not usable, or empty when it is
   */
  static String problem(String path) {
    if (path.startsWith("$$")) {
      return "'" + path + "' reads a context object; a trigger has none, only the event ($)";
    }
    if (!path.startsWith("$") || !JsonPaths.isValid(path)) {
      return "'" + path + "' is not a JSONPath into the event, e.g. $.detail.key";
    }
    return "";
  }

  /** Reads a path checked by {@link #problem}. */
  static Rendered<JsonNode> read(String path, JsonNode event) {
    try {
      return JsonPaths.read(path, event, NO_CONTEXT)
          .<Rendered<JsonNode>>map(Rendered.Done::new)
          .orElseGet(() -> new Rendered.Failed<>("the event has nothing at " + path));
    } catch (StateFailure e) {
      return new Rendered.Failed<>(e.getMessage());
    }
  }
}
