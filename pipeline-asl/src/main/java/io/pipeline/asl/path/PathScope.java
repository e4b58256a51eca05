package io.pipeline.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a JSONPath expression of a state can read: the data ({@code $...}), the context object
 * ({@code $$...}) and the workflow variables ({@code $name...}). The context object may be given as
 * a source, asked for only when a path reads it: most states never do, and building it costs.
 */
public final class PathScope {

  private final JsonNode data;
  private final Supplier<JsonNode> context;
  private final Map<String, JsonNode> variables;

  /**
   * @param data the data {@code $} paths read
   * @param context the context object
   * @param variables the variables in scope
   */
  public PathScope(JsonNode data, JsonNode context, Map<String, JsonNode> variables) {
    this(data, () -> context, variables);
  }

  private PathScope(JsonNode data, Supplier<JsonNode> context, Map<String, JsonNode> variables) {
    this.data = data;
    this.context = context;
    this.variables = variables;
  }

  /** A scope without variables. */
  public static PathScope of(JsonNode data, JsonNode context) {
    return new PathScope(data, context, Map.of());
  }

  /**
   * A scope whose context object comes from a source, asked each time a path reads it: the source
   * keeps what it builds.
   */
  public static PathScope withContextFrom(
      JsonNode data, Supplier<JsonNode> context, Map<String, JsonNode> variables) {
    return new PathScope(data, context, variables);
  }

  /** The same scope reading other data. */
  public PathScope withData(JsonNode other) {
    return new PathScope(other, context, variables);
  }

  /** The data {@code $} paths read. */
  public JsonNode data() {
    return data;
  }

  /** The context object {@code $$} paths read. */
  public JsonNode context() {
    return context.get();
  }

  /** The variables in scope, by name without the {@code $}. */
  public Map<String, JsonNode> variables() {
    return variables;
  }

  /**
   * Reads a path.
   *
   * @return empty when it names nothing
   * @throws StateFailure {@code States.Runtime} when it names an undefined variable
   */
  public Optional<JsonNode> read(String path) {
    if (isVariable(path)) {
      int end = variableEnd(path);
      String name = path.substring(1, end);
      JsonNode value = variables.get(name);
      if (value == null) {
        throw StateFailure.runtime("The variable '$" + name + "' is not defined.");
      }
      // "$" + the rest of a variable's path never reads the context object.
      return JsonPaths.read("$" + path.substring(end), value, null);
    }
    return JsonPaths.read(path, data, path.startsWith("$$") ? context() : null);
  }

  /**
   * Whether a path reads a variable: {@code $name}, not {@code $}, {@code $.}, {@code $[} or {@code
   * $$}.
   */
  public static boolean isVariable(String path) {
    return path.length() > 1
        && path.charAt(0) == '$'
        && (Character.isLetter(path.charAt(1)) || path.charAt(1) == '_');
  }

  /** Whether a path is valid: a data or context path, or a variable with a valid path after it. */
  public static boolean isValid(String path) {
    return isVariable(path)
        ? JsonPaths.isValid("$" + path.substring(variableEnd(path)))
        : JsonPaths.isValid(path);
  }

  /** Whether a path names one value at most. */
  public static boolean isDefinite(String path) {
    return isVariable(path)
        ? JsonPaths.isDefinite("$" + path.substring(variableEnd(path)))
        : JsonPaths.isDefinite(path);
  }

  private static int variableEnd(String path) {
    int end = 1;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    return end;
  }
}
