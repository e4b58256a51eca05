package io.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.LocalRun;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.ParseResult;
import java.time.Instant;

/**
 * The definitions and inputs the benchmarks run, shared with their smoke test so that what is
 * measured is also what is checked. All but {@link #jsonataChain()} are JSONPath-mode.
 */
public final class Definitions {

  /** Parses and writes JSON. */
  public static final ObjectMapper JSON = new ObjectMapper();

  /** States in the Pass chain: each run enters each once. */
  public static final int PASS_STATES = 100;

  /** Rounds of the Choice loop: each is one Pass (the increment) and one Choice. */
  public static final int CHOICE_ROUNDS = 100;

  /** States one run of the Choice loop enters: the rounds' two each, and the final Succeed. */
  public static final int CHOICE_STATES = 2 * CHOICE_ROUNDS + 1;

  /** States in the JSONata chain: each run enters each once. */
  public static final int JSONATA_STATES = 20;

  /** Items of the Map benchmark's input. */
  public static final int MAP_ITEMS = 1000;

  private static final ExecutionIdentity IDENTITY =
      ExecutionIdentity.local("bench-machine", "bench-execution");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long SEED = 42L;

  private Definitions() {}

  /**
   * A chain of {@value #PASS_STATES} Pass states, in groups of four: one that passes its input on,
   * one with a {@code Result} at a {@code ResultPath}, one with {@code .$} {@code Parameters} at a
   * {@code ResultPath}, and one whose {@code .$} {@code Parameters} replace the input.
   */
  public static String passChain() {
    ObjectNode states = JSON.createObjectNode();
    for (int i = 0; i < PASS_STATES; i++) {
      ObjectNode state = states.putObject(passName(i));
      state.put("Type", "Pass");
      switch (i % 4) {
        case 1 -> {
          state.putObject("Result").put("step", i);
          state.put("ResultPath", "$.last");
        }
        case 2 -> {
          state
              .putObject("Parameters")
              .put("id.$", "$.payload.id")
              .put("last.$", "$.last.step")
              .put("n", i);
          state.put("ResultPath", "$.params");
        }
        case 3 ->
            state
                .putObject("Parameters")
                .put("payload.$", "$.payload")
                .put("last.$", "$.last")
                .put("params.$", "$.params");
        default -> {}
      }
      if (i + 1 < PASS_STATES) {
        state.put("Next", passName(i + 1));
      } else {
        state.put("End", true);
      }
    }
    ObjectNode definition = JSON.createObjectNode();
    definition.put("Comment", "A chain of " + PASS_STATES + " Pass states");
    definition.put("StartAt", passName(0));
    definition.set("States", states);
    return definition.toString();
  }

  /**
   * A chain of {@value #JSONATA_STATES} JSONata Pass states whose {@code Output} computes over the
   * input ({@code $sum}, a filter, string concatenation) and whose {@code Assign} counts the steps.
   */
  public static String jsonataChain() {
    ObjectNode states = JSON.createObjectNode();
    for (int i = 0; i < JSONATA_STATES; i++) {
      ObjectNode state = states.putObject("J" + i);
      state.put("Type", "Pass");
      state.putObject("Assign").put("step", "{% " + i + " + 1 %}");
      ObjectNode output = state.putObject("Output");
      output.put("values", "{% $states.input.values %}");
      output.put("total", "{% $sum($states.input.values) %}");
      output.put("big", "{% $count($states.input.values[$ > 2]) %}");
      output.put("label", "{% 'order-' & $string($states.input.values[0]) %}");
      if (i + 1 < JSONATA_STATES) {
        state.put("Next", "J" + (i + 1));
      } else {
        state.put("End", true);
      }
    }
    ObjectNode definition = JSON.createObjectNode();
    definition.put("QueryLanguage", "JSONata");
    definition.put("StartAt", "J0");
    definition.set("States", states);
    return definition.toString();
  }

  /** The JSONata chain's input. */
  public static JsonNode jsonataChainInput() {
    return json("{\"values\": [1, 2, 3, 4]}");
  }

  /** What the JSONata chain gives for {@link #jsonataChainInput()}. */
  public static JsonNode jsonataChainOutput() {
    return json("{\"values\": [1, 2, 3, 4], \"total\": 10, \"big\": 2, \"label\": \"order-1\"}");
  }

  /** The Pass chain's input. */
  public static JsonNode passChainInput() {
    return json("{\"payload\": {\"id\": \"order-1\", \"values\": [1, 2, 3]}}");
  }

  /** What the Pass chain gives for {@link #passChainInput()}. */
  public static JsonNode passChainOutput() {
    int lastResult = PASS_STATES - 3; // the last state with a Result
    return json(
        "{\"payload\": {\"id\": \"order-1\", \"values\": [1, 2, 3]}, \"last\": {\"step\": "
            + lastResult
            + "}, \"params\": {\"id\": \"order-1\", \"last\": "
            + lastResult
            + ", \"n\": "
            + (lastResult + 1)
            + "}}");
  }

  /**
   * A loop of {@value #CHOICE_ROUNDS} rounds: a Pass adds one to {@code $.i} with {@code
   * States.MathAdd}, then a Choice goes round again while an And of a {@code NumericLessThan}, an
   * Or and a Not holds, else to a Succeed.
   */
  public static String choiceLoop() {
    return """
        {
          "Comment": "A counter loop driven by a Choice state",
          "StartAt": "Increment",
          "States": {
            "Increment": {
              "Type": "Pass",
              "Parameters": {"i.$": "States.MathAdd($.i, 1)"},
              "Next": "Check"
            },
            "Check": {
              "Type": "Choice",
              "Choices": [
                {
                  "And": [
                    {"Variable": "$.i", "NumericLessThan": %d},
                    {"Or": [
                      {"Variable": "$.i", "StringEquals": "stop"},
                      {"Variable": "$.i", "IsNumeric": true}
                    ]},
                    {"Not": {"Variable": "$.i", "NumericEquals": -1}}
                  ],
                  "Next": "Increment"
                }
              ],
              "Default": "Done"
            },
            "Done": {"Type": "Succeed"}
          }
        }
        """
        .formatted(CHOICE_ROUNDS);
  }

  /** The Choice loop's input. */
  public static JsonNode choiceLoopInput() {
    return json("{\"i\": 0}");
  }

  /** What the Choice loop gives for {@link #choiceLoopInput()}. */
  public static JsonNode choiceLoopOutput() {
    return json("{\"i\": " + CHOICE_ROUNDS + "}");
  }

  /**
   * An inline Map over {@code $.items}: its {@code ItemSelector} takes each item, its index and a
   * field of the Map's input; its processor is one Pass with {@code .$} {@code Parameters}. The
   * output is the list of results.
   */
  public static String map() {
    return """
        {
          "Comment": "An inline Map with an ItemSelector and a Pass processor",
          "StartAt": "EachItem",
          "States": {
            "EachItem": {
              "Type": "Map",
              "ItemsPath": "$.items",
              "ItemSelector": {
                "item.$": "$$.Map.Item.Value",
                "index.$": "$$.Map.Item.Index",
                "tag.$": "$.tag"
              },
              "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Process",
                "States": {
                  "Process": {
                    "Type": "Pass",
                    "Parameters": {"id.$": "$.item.id", "index.$": "$.index", "tag.$": "$.tag"},
                    "End": true
                  }
                }
              },
              "ResultPath": "$.results",
              "OutputPath": "$.results",
              "End": true
            }
          }
        }
        """;
  }

  /** The Map's input: {@value #MAP_ITEMS} items. */
  public static JsonNode mapInput() {
    ObjectNode input = JSON.createObjectNode();
    input.put("tag", "bench");
    ArrayNode items = input.putArray("items");
    for (int i = 0; i < MAP_ITEMS; i++) {
      items.addObject().put("id", "item-" + i).put("value", i);
    }
    return input;
  }

  /** What the Map gives for {@link #mapInput()}. */
  public static JsonNode mapOutput() {
    ArrayNode results = JSON.createArrayNode();
    for (int i = 0; i < MAP_ITEMS; i++) {
      results.addObject().put("id", "item-" + i).put("index", i).put("tag", "bench");
    }
    return results;
  }

  /** Parses a definition; throws with the diagnostics when it is not valid. */
  public static StateMachine parse(String definition) {
    ParseResult parsed = DefinitionParser.parse(definition);
    return parsed
        .stateMachine()
        .orElseThrow(
            () -> new IllegalArgumentException("invalid definition: " + parsed.diagnostics()));
  }

  /** Runs a state machine to its end on the virtual clock, always with the same identity. */
  public static LocalRun.Result run(StateMachine machine, JsonNode input) {
    return LocalRun.run(machine, input, IDENTITY, START, SEED);
  }

  /**
   * Runs a state machine once and returns its output; throws unless it succeeded, so a broken
   * definition cannot give a meaningless figure.
   */
  public static JsonNode runChecked(StateMachine machine, JsonNode input) {
    LocalRun.Result result = run(machine, input);
    if (result.execution().status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException(
          "the benchmark's execution did not succeed: "
              + result.execution().status()
              + " "
              + result.execution().error().orElse("")
              + " "
              + result.execution().cause().orElse(""));
    }
    return result.execution().output().orElseThrow();
  }

  private static String passName(int i) {
    return "Pass%03d".formatted(i);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
