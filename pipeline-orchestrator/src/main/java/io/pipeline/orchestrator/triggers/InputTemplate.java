package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The input of a rule's executions, as in ASL's {@code Parameters}: a JSON value copied as it is,
 * except that an object field whose name ends in {@code .$} takes the value of its JSONPath into
 * the event, under the name without {@code .$}. E.g. {@code {"bucket.$": "$.bucket", "key.$":
 * "$.key", "source": "trigger"}}. A rule without a template passes the whole event.
 *
 * <p>Chosen over EventBridge's InputTransformer ({@code inputPathsMap} and a text with {@code
 * <name>} placeholders) because its result is always valid JSON, with no rules about quoting a
 * placeholder, and state machine authors already write it.
 */
public final class InputTemplate {

  private static final InputTemplate WHOLE_EVENT = new InputTemplate(Optional.empty());

  private final Optional<JsonNode> template;

  private InputTemplate(Optional<JsonNode> template) {
    this.template = template;
  }

  /** The input is the event itself. */
  public static InputTemplate wholeEvent() {
    return WHOLE_EVENT;
  }

  /**
   * Reads a template.
   *
   * @throws IllegalArgumentException naming the field (a JSON pointer into the template) whose
   *     {@code .$} value is not a JSONPath into the event
   */
  public static InputTemplate parse(JsonNode template) {
    check(template, JsonPointer.empty());
    return new InputTemplate(Optional.of(template.deepCopy()));
  }

  /** The template as written; empty when the input is the whole event. */
  public Optional<JsonNode> json() {
    return template.map(JsonNode::deepCopy);
  }

  /** The input of the execution a rule starts for an event. */
  Rendered<JsonNode> apply(JsonNode event) {
    return template.isEmpty() ? new Rendered.Done<>(event.deepCopy()) : fill(template.get(), event);
  }

  private static void check(JsonNode node, JsonPointer at) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), at.appendIndex(i));
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonPointer here = at.appendProperty(field.getKey());
      if (!field.getKey().endsWith(".$")) {
        check(field.getValue(), here);
      } else if (!field.getValue().isTextual()) {
        throw new IllegalArgumentException(
            "at " + here + ": a field ending in .$ holds a JSONPath string, e.g. \"$.key\"");
      } else {
        String problem = EventPaths.problem(field.getValue().textValue());
        if (!problem.isEmpty()) {
          throw new IllegalArgumentException("at " + here + ": " + problem);
        }
      }
    }
  }

  private static Rendered<JsonNode> fill(JsonNode node, JsonNode event) {
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : node) {
        Rendered<JsonNode> filled = fill(item, event);
        if (filled instanceof Rendered.Failed<JsonNode>) {
          return filled;
        }
        out.add(((Rendered.Done<JsonNode>) filled).value());
      }
      return new Rendered.Done<>(out);
    }
    if (!node.isObject()) {
      return new Rendered.Done<>(node.deepCopy());
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      boolean path = name.endsWith(".$");
      Rendered<JsonNode> value =
          path
              ? EventPaths.read(field.getValue().textValue(), event)
              : fill(field.getValue(), event);
      if (value instanceof Rendered.Failed<JsonNode> failed) {
        return path
            ? new Rendered.Failed<>("inputTemplate field '" + name + "': " + failed.reason())
            : value;
      }
      JsonNode filled = ((Rendered.Done<JsonNode>) value).value();
      out.set(path ? name.substring(0, name.length() - 2) : name, filled);
    }
    return new Rendered.Done<>(out);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputTemplate that && template.equals(that.template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template.map(JsonNode::toString).orElse("(the whole event)");
  }
}
