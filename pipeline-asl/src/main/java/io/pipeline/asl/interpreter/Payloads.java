package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.intrinsic.IntrinsicContext;
import io.pipeline.asl.intrinsic.Intrinsics;
import io.pipeline.asl.model.PathField;
import io.pipeline.asl.path.JsonPaths;
import io.pipeline.asl.path.PathScope;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/** JSONPath-mode input and output processing: payload templates, InputPath, ResultPath... */
final class Payloads {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The names template fields give their values, by field name ({@code "a.$"} gives {@code "a"}):
   * cut once per name of a definition, and the same string each time, its hash computed once.
   */
  private static final Map<String, String> VALUE_NAMES = new ConcurrentHashMap<>();

  private Payloads() {}

  /**
   * Evaluates a payload template ({@code Parameters}, {@code ItemSelector}, {@code ResultSelector},
   * {@code Assign}): fields ending in {@code .$} take the value of their path or intrinsic
   * function, other values are copied.
   */
  static JsonNode template(JsonNode template, PathScope scope, RandomGenerator random) {
    if (template.isObject()) {
      ObjectNode result = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        if (key.endsWith(".$") && field.getValue().isTextual()) {
          result.set(
              VALUE_NAMES.computeIfAbsent(key, k -> k.substring(0, k.length() - 2)),
              expression(field.getValue().textValue(), key, scope, random));
        } else {
          result.set(key, template(field.getValue(), scope, random));
        }
      }
      return result;
    }
    if (template.isArray()) {
      ArrayNode result = NODES.arrayNode();
      template.forEach(item -> result.add(template(item, scope, random)));
      return result;
    }
    return template.deepCopy();
  }

  /** The value of a {@code .$} field: a path or an intrinsic function call. */
  static JsonNode expression(
      String expression, String field, PathScope scope, RandomGenerator random) {
    if (Intrinsics.isIntrinsic(expression)) {
      return Intrinsics.evaluate(
          Intrinsics.parse(expression),
          new IntrinsicContext(scope.data(), scope::context, random, scope.variables()));
    }
    return scope
        .read(expression)
        .orElseThrow(
            () ->
                StateFailure.runtime(
                    "The JSONPath '"
                        + expression
                        + "' specified for the field '"
                        + field
                        + "' could not be found in the input '"
                        + scope.data()
                        + "'"));
  }

  /** Applies {@code InputPath} or {@code OutputPath}: absent keeps all, null gives {@code {}}. */
  static JsonNode select(PathField path, PathScope scope) {
    return switch (path.kind()) {
      case ABSENT -> scope.data();
      case NULL -> NODES.objectNode();
      case PATH ->
          scope
              .read(path.path())
              .orElseThrow(
                  () ->
                      StateFailure.runtime(
                          "Invalid path '"
                              + path.path()
                              + "' : "
                              + JsonPaths.noResultsMessage(
                                  path.path(), scope.data(), scope.context())));
    };
  }

  /**
   * Applies {@code ResultPath}: absent replaces the input with the result, null keeps the input, a
   * path puts the result there in a copy of the input.
   */
  static JsonNode merge(PathField resultPath, JsonNode input, JsonNode result) {
    return switch (resultPath.kind()) {
      case ABSENT -> result;
      case NULL -> input;
      case PATH -> put(input, resultPath.path(), result);
    };
  }

  private static JsonNode put(JsonNode input, String path, JsonNode value) {
    if (path.equals("$")) {
      return value;
    }
    if (!path.startsWith("$.")) {
      throw StateFailure.runtime("Unsupported ResultPath '" + path + "'");
    }
    JsonNode root = input.isObject() ? input.deepCopy() : NODES.objectNode();
    String[] parts = path.substring(2).split("\\.");
    ObjectNode node = (ObjectNode) root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || !child.isObject()) {
        if (child != null && !child.isObject()) {
          throw new StateFailure(
              "States.ResultPathMatchFailure",
              "Unable to apply step \"" + parts[i] + "\" to input " + input);
        }
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
    return root;
  }
}
