package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.Patterns;

/**
 * An EventBridge event pattern, matched by AWS's Event Ruler (the library EventBridge runs): exact
 * values (strings, numbers compared as numbers, booleans, null), arrays meaning "any of", {@code
 * prefix}, {@code suffix}, {@code equals-ignore-case}, {@code wildcard}, {@code numeric} ranges,
 * {@code cidr}, {@code exists}, {@code anything-but} (with values, {@code prefix}, {@code suffix},
 * {@code equals-ignore-case} or {@code wildcard}), {@code $or} and nested objects. A field of the
 * event holding an array matches when any element does, and fields matched in elements of one array
 * must come from the same element. Immutable and safe to share between threads.
 */
public final class EventPattern {

  private static final EventPattern ANY_EVENT =
      new EventPattern(JsonNodeFactory.instance.objectNode(), Optional.empty());

  private final JsonNode json;
  private final Optional<Machine> machine;

  private EventPattern(JsonNode json, Optional<Machine> machine) {
    this.json = json;
    this.machine = machine;
  }

  /** The pattern of a rule that has none: it matches every event. */
  public static EventPattern anyEvent() {
    return ANY_EVENT;
  }

  /**
   * Compiles a pattern.
   *
   * @throws InvalidPatternException naming what is wrong and where, as a JSON pointer
   */
  public static EventPattern parse(JsonNode pattern) {
    if (!pattern.isObject()) {
      throw new InvalidPatternException("", "must be a JSON object, e.g. " + example());
    }
    JsonNode copy = pattern.deepCopy();
    Machine machine = Machine.builder().build();
    add(machine, "pattern", compile(copy.toString()));
    return new EventPattern(copy, Optional.of(machine));
  }

  /**
   * Whether the event matches; an event that is not a JSON object matches only {@link #anyEvent}.
   */
  public boolean matches(JsonNode event) {
    if (machine.isEmpty()) {
      return true;
    }
    return event.isObject() && !machine.get().rulesForJSONEvent(event).isEmpty();
  }

  /** Whether this pattern matches every event (the rule had none). */
  public boolean matchesAnyEvent() {
    return machine.isEmpty();
  }

  /** The pattern as written ({@code {}} for {@link #anyEvent}). */
  public JsonNode json() {
    return json.deepCopy();
  }

  /** Adds this pattern to a machine of many rules, under the rule's name. */
  void addTo(Machine shared, String ruleName) {
    add(shared, ruleName, compile(json.toString()));
  }

  private static List<Map<String, List<Patterns>>> compile(String pattern) {
    try {
      return JsonRuleCompiler.compile(pattern, false);
    } catch (JsonParseException e) {
      throw new InvalidPatternException(pointer(e), e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a pattern from a string", e);
    } catch (IllegalArgumentException e) {
      throw new InvalidPatternException("", e.getMessage());
    }
  }

  /** Event Ruler's parser stops where the problem is: its path is the pointer. */
  private static String pointer(JsonParseException e) {
    JsonParser parser = e.getProcessor();
    return parser == null ? "" : parser.getParsingContext().pathAsPointer().toString();
  }

  private static void add(Machine machine, String name, List<Map<String, List<Patterns>>> rules) {
    // $or compiles to several sub-rules; added under one name, any of them matches.
    rules.forEach(rule -> machine.addPatternRule(name, rule));
  }

  private static String example() {
    return "{\"bucket\": [\"landing\"], \"key\": [{\"prefix\": \"incoming/\"}]}";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EventPattern that && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
