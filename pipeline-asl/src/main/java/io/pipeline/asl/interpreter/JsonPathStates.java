package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.choice.ChoiceRules;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.model.ChoiceState;
import io.pipeline.asl.model.FailState;
import io.pipeline.asl.model.PassState;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateIo;
import io.pipeline.asl.path.PathScope;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** JSONPath-mode dataflow of the states without children: Pass, Choice and Fail, and Assign. */
final class JsonPathStates {

  private final Execution execution;
  private final StateRunner runner;

  JsonPathStates(Execution execution, StateRunner runner) {
    this.execution = execution;
    this.runner = runner;
  }

  void pass(Frame frame, PassState pass, PathScope scope) {
    JsonNode input = input(pass, scope);
    JsonNode result;
    if (pass.io().parameters().isEmpty() && pass.result().isPresent()) {
      result = pass.result().get().deepCopy();
      execution.inspector.result(result);
    } else {
      result = parameters(pass, scope.withData(input));
    }
    execution.inspector.afterResultSelector(result);
    assign(frame, pass.io(), scope.withData(result));
    runner.exit(frame, pass, merge(pass, frame.input, result), scope);
  }

  /**
   * The effective input: {@code Parameters} applied to the input after {@code InputPath}, or that
   * input when there are none.
   */
  JsonNode parameters(State state, PathScope afterInputPath) {
    JsonNode effective =
        state
            .io()
            .parameters()
            .map(p -> Payloads.template(p, afterInputPath, execution.random))
            .orElse(afterInputPath.data());
    execution.inspector.afterParameters(effective);
    return effective;
  }

  /** Applies {@code ResultPath}: the state's input with its result placed. */
  JsonNode merge(State state, JsonNode input, JsonNode result) {
    JsonNode merged = Payloads.merge(state.io().resultPath(), input, result);
    execution.inspector.afterResultPath(merged);
    return merged;
  }

  void choice(Frame frame, ChoiceState choice, PathScope scope) {
    JsonNode input = input(choice, scope);
    Optional<ChoiceState.Choice> matched =
        choice.choices().stream()
            .filter(
                c ->
                    c.rule().isPresent()
                        && ChoiceRules.evaluate(c.rule().get(), scope.withData(input)))
            .findFirst();
    String next =
        matched
            .map(ChoiceState.Choice::next)
            .or(choice::defaultState)
            .orElseThrow(() -> new StateFailure(StatesErrors.NO_CHOICE_MATCHED, "No Matches!"));
    matched
        .flatMap(ChoiceState.Choice::assign)
        .ifPresent(a -> assignValues(frame, a, scope.withData(input)));
    if (matched.isEmpty()) {
      assign(frame, choice.io(), scope.withData(input));
    }
    JsonNode output = Payloads.select(choice.io().outputPath(), scope.withData(input));
    runner.emit(frame, "ChoiceStateExited", choice, "output", output);
    StateRunner.applyAssignments(frame);
    frame.moveTo(next, output);
  }

  void fail(Frame frame, FailState fail, PathScope scope) {
    // A Fail state has no InputPath: its input goes on as it is.
    execution.inspector.afterInputPath(scope.data());
    String error =
        fail.error()
            .map(JsonNode::asText)
            .or(
                () ->
                    fail.errorPath()
                        .map(
                            p ->
                                text(Payloads.expression(p, "ErrorPath", scope, execution.random))))
            .orElse(null);
    String cause =
        fail.cause()
            .map(JsonNode::asText)
            .or(
                () ->
                    fail.causePath()
                        .map(
                            p ->
                                text(Payloads.expression(p, "CausePath", scope, execution.random))))
            .orElse(null);
    frame.fail(error, cause);
  }

  static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }

  void assign(Frame frame, StateIo io, PathScope scope) {
    io.assign().ifPresent(a -> assignValues(frame, a, scope));
  }

  /**
   * Evaluates {@code Assign} now, against the values before the state, and keeps the result until
   * the state is left: the state's own output paths still read the old values.
   */
  void assignValues(Frame frame, JsonNode assign, PathScope scope) {
    JsonNode values = Payloads.template(assign, scope, execution.random);
    Map<String, JsonNode> assigned = new HashMap<>();
    values.fields().forEachRemaining(e -> assigned.put(e.getKey(), e.getValue()));
    frame.pendingAssignments = assigned;
  }

  /** Applies {@code InputPath}. */
  JsonNode input(State state, PathScope scope) {
    JsonNode input = Payloads.select(state.io().inputPath(), scope);
    execution.inspector.afterInputPath(input);
    return input;
  }
}
