package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a rule names its executions: a text with {@code {JSONPath}} placeholders into the event, e.g.
 * {@code "{$.bucket}-{$.key}-{$.eventId}"}, made a valid name by {@link ExecutionNames#of}; or,
 * when the rule sets none, {@link ExecutionNames#byContent}. Either way the same event gives the
 * same name. A placeholder ends at the first {@code }}; a string value is put in as it is, any
 * other as JSON text.
 */
public final class ExecutionNameTemplate {

  private static final ExecutionNameTemplate BY_CONTENT =
      new ExecutionNameTemplate(Optional.empty(), List.of());

  /** A literal part of the text, or a path whose value is put in. */
  private record Part(String text, boolean path) {}

  private final Optional<String> text;
  private final List<Part> parts;

  private ExecutionNameTemplate(Optional<String> text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /** Names each execution by the rule's name and a hash of the event's content. */
  public static ExecutionNameTemplate byContent() {
    return BY_CONTENT;
  }

  /**
   * Reads a template.
   *
   * @throws IllegalArgumentException when a brace is unmatched, a placeholder is not a JSONPath
   *     into the event, or there is no placeholder (every execution would have the same name)
   */
  public static ExecutionNameTemplate parse(String text) {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf('{', at);
      int close = text.indexOf('}', at);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new IllegalArgumentException("'}' at " + close + " closes no placeholder");
      }
      if (open < 0) {
        parts.add(new Part(text.substring(at), false));
        break;
      }
      if (open > at) {
        parts.add(new Part(text.substring(at, open), false));
      }
      if (close < 0) {
        throw new IllegalArgumentException("the placeholder at " + open + " has no '}'");
      }
      String path = text.substring(open + 1, close);
      String problem = EventPaths.problem(path);
      if (!problem.isEmpty()) {
        throw new IllegalArgumentException("placeholder at " + open + ": " + problem);
      }
      parts.add(new Part(path, true));
      at = close + 1;
    }
    if (parts.stream().noneMatch(Part::path)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' has no {JSONPath} placeholder, so every execution would have that one name;"
              + " e.g. {$.bucket}-{$.key}");
    }
    return new ExecutionNameTemplate(Optional.of(text), parts);
  }

  /** The template as written; empty for {@link #byContent}. */
  public Optional<String> text() {
    return text;
  }

  /** The name of the execution a rule starts for an event. */
  Rendered<String> render(String ruleName, JsonNode event) {
    if (text.isEmpty()) {
      return new Rendered.Done<>(ExecutionNames.byContent(ruleName, event));
    }
    StringBuilder name = new StringBuilder();
    for (Part part : parts) {
      if (!part.path()) {
        name.append(part.text());
        continue;
      }
      Rendered<JsonNode> value = EventPaths.read(part.text(), event);
      if (value instanceof Rendered.Failed<JsonNode> failed) {
        return new Rendered.Failed<>("executionName: " + failed.reason());
      }
      JsonNode node = ((Rendered.Done<JsonNode>) value).value();
      name.append(node.isTextual() ? node.textValue() : node.toString());
    }
    return new Rendered.Done<>(ExecutionNames.of(name.toString()));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExecutionNameTemplate that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text.orElse("(rule name and a hash of the event's content)");
  }
}
