package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.jsonata.JsonataEvaluator;
import io.pipeline.asl.model.ChoiceState;
import io.pipeline.asl.model.FailState;
import io.pipeline.asl.model.PassState;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.WaitState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * JSONata-mode dataflow: a state reads its raw input as {@code $states.input}, builds task input
 * with {@code Arguments}, its output with {@code Output} (by default its input, or its result for
 * states that have one) and variables with {@code Assign}.
 */
final class JsonataStates {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Execution execution;

  JsonataStates(Execution execution) {
    this.execution = execution;
  }

  /** An evaluator for a state of this frame. */
  JsonataEvaluator evaluator(
      Frame frame, JsonNode input, Optional<JsonNode> result, Optional<JsonNode> errorOutput) {
    ObjectNode states = NODES.objectNode();
    states.set("input", input);
    states.set("context", execution.contextObject(frame));
    result.ifPresent(r -> states.set("result", r));
    errorOutput.ifPresent(e -> states.set("errorOutput", e));
    return new JsonataEvaluator(states, frame.variables, execution.random, execution.now);
  }

  JsonNode passOutput(Frame frame, PassState pass) {
    JsonataEvaluator evaluator = evaluator(frame, frame.input, Optional.empty(), Optional.empty());
    JsonNode output =
        pass.io()
            .output()
            .map(o -> evaluator.template(o, "Output"))
            .or(() -> pass.result().map(JsonNode::deepCopy))
            .orElse(frame.input);
    assign(frame, pass.io().assign(), evaluator);
    return output;
  }

  /** The output of a state without a result (Succeed, Wait), and its assignments. */
  JsonNode plainOutput(Frame frame, State state) {
    JsonataEvaluator evaluator = evaluator(frame, frame.input, Optional.empty(), Optional.empty());
    assign(frame, state.io().assign(), evaluator);
    return state.io().output().map(o -> evaluator.template(o, "Output")).orElse(frame.input);
  }

  /** The output of a state with a result (Parallel, Map, Task), and its assignments. */
  JsonNode resultOutput(Frame frame, State state, JsonNode result) {
    JsonataEvaluator evaluator =
        evaluator(frame, frame.input, Optional.of(result), Optional.empty());
    assign(frame, state.io().assign(), evaluator);
    return state.io().output().map(o -> evaluator.template(o, "Output")).orElse(result);
  }

  /** The input a Parallel's branches or a task get: {@code Arguments}, or the state input. */
  JsonNode arguments(Frame frame, State state) {
    JsonataEvaluator evaluator = evaluator(frame, frame.input, Optional.empty(), Optional.empty());
    JsonNode arguments =
        state.io().arguments().map(a -> evaluator.template(a, "Arguments")).orElse(frame.input);
    execution.inspector.afterArguments(arguments);
    return arguments;
  }

  /**
   * Chooses a Choice state's next state.
   *
   * @return the next state and the output
   */
  Map.Entry<String, JsonNode> choose(Frame frame, ChoiceState choice) {
    JsonataEvaluator evaluator = evaluator(frame, frame.input, Optional.empty(), Optional.empty());
    for (ChoiceState.Choice candidate : choice.choices()) {
      JsonNode condition = evaluator.template(candidate.condition().orElseThrow(), "Condition");
      if (!condition.isBoolean()) {
        throw StateFailure.queryEvaluation(
            "The JSONata expression '"
                + candidate.condition().get().asText()
                + "' specified for the field 'Condition' returned a non-boolean value: "
                + condition);
      }
      if (condition.booleanValue()) {
        assign(frame, candidate.assign(), evaluator);
        JsonNode output =
            candidate.output().map(o -> evaluator.template(o, "Output")).orElse(frame.input);
        return Map.entry(candidate.next(), output);
      }
    }
    String next =
        choice
            .defaultState()
            .orElseThrow(() -> new StateFailure(StatesErrors.NO_CHOICE_MATCHED, "No Matches!"));
    assign(frame, choice.io().assign(), evaluator);
    return Map.entry(
        next, choice.io().output().map(o -> evaluator.template(o, "Output")).orElse(frame.input));
  }

  /** The error and cause of a Fail state. */
  Map.Entry<Optional<String>, Optional<String>> failure(Frame frame, FailState fail) {
    JsonataEvaluator evaluator = evaluator(frame, frame.input, Optional.empty(), Optional.empty());
    return Map.entry(
        fail.error().map(e -> text(evaluator.template(e, "Error"))),
        fail.cause().map(c -> text(evaluator.template(c, "Cause"))));
  }

  /** When a Wait state's wait ends. */
  Instant dueAt(Frame frame, WaitState wait) {
    JsonataEvaluator evaluator = evaluator(frame, frame.input, Optional.empty(), Optional.empty());
    if (wait.seconds().isPresent()) {
      JsonNode seconds = evaluator.template(wait.seconds().get(), "Seconds");
      if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
        throw StateFailure.queryEvaluation(
            "The Seconds field must be a non-negative integer, but was: " + seconds);
      }
      try {
        return execution.now.plusSeconds(seconds.asLong());
      } catch (ArithmeticException | java.time.DateTimeException e) {
        throw StateFailure.queryEvaluation("The Seconds field is out of range: " + seconds);
      }
    }
    JsonNode timestamp = evaluator.template(wait.timestamp().orElseThrow(), "Timestamp");
    try {
      return OffsetDateTime.parse(timestamp.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw StateFailure.queryEvaluation(
          "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format"
              + " string: "
              + timestamp.asText());
    }
  }

  /** The output of a caught error, and the catcher's assignments. */
  JsonNode caughtOutput(
      Frame frame, Optional<JsonNode> output, Optional<JsonNode> assign, JsonNode errorOutput) {
    JsonataEvaluator evaluator =
        evaluator(frame, frame.input, Optional.empty(), Optional.of(errorOutput));
    assign(frame, assign, evaluator);
    return output.map(o -> evaluator.template(o, "Output")).orElse(errorOutput);
  }

  /** A field that may be a JSONata template, evaluated for a Map's settings or items. */
  JsonNode field(Frame frame, JsonNode value, String name) {
    return evaluator(frame, frame.input, Optional.empty(), Optional.empty()).template(value, name);
  }

  /** The input of one Map iteration from a JSONata {@code ItemSelector}. */
  JsonNode itemSelector(Frame frame, JsonNode selector, int index, JsonNode item) {
    ObjectNode states = NODES.objectNode();
    states.set("input", frame.input);
    ObjectNode context =
        execution.contextObject(frame).objectNode().setAll(execution.contextObject(frame));
    ObjectNode mapItem = context.putObject("Map").putObject("Item");
    mapItem.put("Index", index);
    mapItem.set("Value", item);
    states.set("context", context);
    return new JsonataEvaluator(states, frame.variables, execution.random, execution.now)
        .template(selector, "ItemSelector");
  }

  private static void assign(Frame frame, Optional<JsonNode> assign, JsonataEvaluator evaluator) {
    if (assign.isEmpty()) {
      return;
    }
    Map<String, JsonNode> values = new HashMap<>();
    assign
        .get()
        .fields()
        .forEachRemaining(e -> values.put(e.getKey(), evaluator.template(e.getValue(), "Assign")));
    frame.pendingAssignments = values;
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
