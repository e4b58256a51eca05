package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of definitions for robustness properties: random JSON biased towards the names and
 * values of the States Language, and random mutations of valid definitions.
 */
final class DefinitionArbitraries {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Field names of the States Language, so that random objects look like definitions. */
  private static final List<String> FIELDS =
      List.of(
          "StartAt",
          "States",
          "Type",
          "Next",
          "End",
          "Comment",
          "QueryLanguage",
          "Choices",
          "Default",
          "Branches",
          "ItemProcessor",
          "Iterator",
          "ProcessorConfig",
          "Mode",
          "Retry",
          "Catch",
          "ErrorEquals",
          "MaxAttempts",
          "IntervalSeconds",
          "BackoffRate",
          "JitterStrategy",
          "MaxDelaySeconds",
          "Parameters",
          "ResultSelector",
          "ItemSelector",
          "Assign",
          "Output",
          "Arguments",
          "Items",
          "Condition",
          "Variable",
          "StringEquals",
          "NumericGreaterThanPath",
          "IsPresent",
          "TimestampEquals",
          "StringMatches",
          "And",
          "Or",
          "Not",
          "InputPath",
          "OutputPath",
          "ResultPath",
          "ItemsPath",
          "Seconds",
          "SecondsPath",
          "Timestamp",
          "TimestampPath",
          "TimeoutSeconds",
          "TimeoutSecondsPath",
          "HeartbeatSeconds",
          "Error",
          "Cause",
          "ErrorPath",
          "CausePath",
          "Resource",
          "Result",
          "MaxConcurrency",
          "ToleratedFailurePercentage",
          "Version",
          "x.$",
          "list.$");

  /** Pieces of ASL strings: paths, intrinsic calls, templates, names of states and types. */
  private static final List<String> FRAGMENTS =
      List.of(
          "$",
          "$$",
          ".",
          "..",
          "[",
          "]",
          "'",
          "\"",
          "*",
          "?(@.a > 1)",
          "(",
          ")",
          "@",
          ",",
          ":",
          "0",
          "-1",
          "2.5e3",
          "a",
          "b",
          "$.a",
          "$var",
          "$$.Execution.Id",
          "$.items[0]",
          "States.",
          "States.Format(",
          "States.Array(",
          "States.MathAdd(",
          "States.Hash(",
          "States.ArrayRange(",
          "States.JsonMerge(",
          "States.StringToJson(",
          "{}",
          "{",
          "}",
          "\\",
          "\\'",
          "{%",
          "%}",
          " ",
          "true",
          "null",
          "é",
          "\u0000",
          "States.ALL",
          "States.Timeout",
          "States.Oops",
          "Pass",
          "Task",
          "Choice",
          "Wait",
          "Map",
          "Parallel",
          "Succeed",
          "Fail",
          "JSONata",
          "JSONPath",
          "FULL",
          "INLINE",
          "DISTRIBUTED",
          "Start",
          "Work",
          "Done",
          "A");

  private DefinitionArbitraries() {}

  /** Strings made of ASL fragments, or of any characters at all. */
  static Arbitrary<String> aslStrings() {
    Arbitrary<String> fromFragments =
        Arbitraries.of(FRAGMENTS).list().ofMaxSize(8).map(parts -> String.join("", parts));
    return Arbitraries.frequencyOf(
        Tuple.of(4, fromFragments),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(12)),
        Tuple.of(2, Arbitraries.of(FRAGMENTS)));
  }

  /** Any JSON value up to {@code depth} levels of nesting. */
  static Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> leaf =
        Arbitraries.oneOf(
            Arbitraries.just(NODES.nullNode()),
            Arbitraries.of(true, false).map(NODES::booleanNode),
            Arbitraries.integers().between(-3, 120).map(NODES::numberNode),
            Arbitraries.longs().map(NODES::numberNode),
            Arbitraries.doubles().map(NODES::numberNode),
            aslStrings().map(NODES::textNode));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> child = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<JsonNode> array =
        child
            .list()
            .ofMaxSize(4)
            .map(
                items -> {
                  ArrayNode node = NODES.arrayNode();
                  items.forEach(node::add);
                  return node;
                });
    Arbitrary<String> keys =
        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(FIELDS)), Tuple.of(1, aslStrings()));
    Arbitrary<JsonNode> object =
        Arbitraries.maps(keys, child)
            .ofMaxSize(5)
            .map(
                fields -> {
                  ObjectNode node = NODES.objectNode();
                  fields.forEach(node::set);
                  return node;
                });
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array), Tuple.of(2, object));
  }

  /** One of the valid definitions under {@code src/test/resources/definitions}. */
  static Arbitrary<JsonNode> validDefinitions() {
    return Arbitraries.of("jsonpath-every-state.json", "jsonata-every-state.json")
        .map(DefinitionArbitraries::resource);
  }

  /** A valid definition changed by one to six random mutations. */
  static Arbitrary<JsonNode> mutatedDefinitions() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.of(Mutation.Kind.class),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.of(FIELDS)), Tuple.of(1, aslStrings())),
                json(2))
            .as(Mutation::new);
    return Combinators.combine(validDefinitions(), mutation.list().ofMinSize(1).ofMaxSize(6))
        .as(Mutation::applyAll);
  }

  /** A valid definition's text with a few characters deleted, inserted or replaced. */
  static Arbitrary<String> mutatedTexts() {
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.chars().with("{}[]\",:$.%\\ 0aé"))
            .as((kind, at, c) -> new int[] {kind, at, c});
    return Combinators.combine(validDefinitions(), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(
            (definition, edits) -> {
              StringBuilder text = new StringBuilder(definition.toString());
              for (int[] e : edits) {
                int at = e[1] % (text.length() + 1);
                switch (e[0]) {
                  case 0 -> text.insert(at, (char) e[2]);
                  case 1 -> text.deleteCharAt(Math.min(at, text.length() - 1));
                  default -> text.setCharAt(Math.min(at, text.length() - 1), (char) e[2]);
                }
              }
              return text.toString();
            });
  }

  /**
   * Replaces every path or intrinsic call of a document (a string value starting with {@code $} or
   * {@code States.}), at any depth, with {@code replacement}.
   */
  static void replaceExpressions(JsonNode node, String replacement) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (isExpression(object.get(name))) {
          object.put(name, replacement);
        } else {
          replaceExpressions(object.get(name), replacement);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (isExpression(array.get(i))) {
          array.set(i, NODES.textNode(replacement));
        } else {
          replaceExpressions(array.get(i), replacement);
        }
      }
    }
  }

  private static boolean isExpression(JsonNode value) {
    return value.isTextual()
        && (value.textValue().startsWith("$") || value.textValue().startsWith("States."));
  }

  private static JsonNode resource(String name) {
    try (InputStream in = DefinitionArbitraries.class.getResourceAsStream("/definitions/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
