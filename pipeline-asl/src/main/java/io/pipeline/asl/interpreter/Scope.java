package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.path.JsonPaths;
import java.util.Map;
import java.util.Optional;

/**
 * What a JSONPath expression of a state can read: the data ({@code $...}), the context object
 * ({@code $$...}) and the variables ({@code $name...}).
 *
 * @param data the data paths read
 * @param context the context object
 * @param variables the variables in scope
 */
record Scope(JsonNode data, JsonNode context, Map<String, JsonNode> variables) {

  /** The same scope reading other data. */
  Scope withData(JsonNode other) {
    return new Scope(other, context, variables);
  }

  /**
   * Reads a path.
   *
   * @return empty when it names nothing
   * @throws StateFailure when it names an undefined variable
   */
  Optional<JsonNode> read(String path) {
    if (isVariable(path)) {
      int end = 1;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      String name = path.substring(1, end);
      JsonNode value = variables.get(name);
      if (value == null) {
        throw StateFailure.runtime("The variable '$" + name + "' is not defined.");
      }
      return JsonPaths.read("$" + path.substring(end), value, context);
    }
    return JsonPaths.read(path, data, context);
  }

  /**
   * Whether a path reads a variable: {@code $name}, not {@code $}, {@code $.}, {@code $[} or {@code
   * $$}.
   */
  static boolean isVariable(String path) {
    return path.length() > 1
        && path.charAt(0) == '$'
        && (Character.isLetter(path.charAt(1)) || path.charAt(1) == '_');
  }
}
