package io.pipeline.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Evaluates JSONata expressions and templates the way Step Functions does: {@code $states} and the
 * workflow variables are bound, AWS's added functions are available, evaluation is bounded in time
 * and depth, and an expression that gives nothing fails with {@code States.QueryEvaluationError}.
 */
public final class JsonataEvaluator {

  /** How long one expression may run. */
  public static final long TIMEOUT_MILLIS = 5_000;

  /** How deep one expression may recurse. */
  public static final int MAX_DEPTH = 500;

  private static final Map<String, Jsonata> COMPILED = new ConcurrentHashMap<>();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode states;
  private final Map<String, JsonNode> variables;
  private final RandomGenerator random;
  private final Instant now;

  /**
   * @param states the {@code $states} object: input, context, and result or errorOutput
   * @param variables the workflow variables in scope
   * @param random where {@code $random} and {@code $uuid} take their randomness
   * @param now the execution's time, which {@code $now} and {@code $millis} give
   */
  public JsonataEvaluator(
      JsonNode states, Map<String, JsonNode> variables, RandomGenerator random, Instant now) {
    this.states = states;
    this.variables = variables;
    this.random = random;
    this.now = now;
  }

  /** Whether an expression compiles. */
  public static Optional<String> syntaxError(String expression) {
    try {
      compile(expression);
      return Optional.empty();
    } catch (JException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Evaluates a field's value: templates in strings are evaluated, objects and arrays are walked,
   * other values are kept.
   *
   * @param field the field's name, for error messages
   */
  public JsonNode template(JsonNode value, String field) {
    if (value.isTextual() && JsonataTemplates.isTemplate(value.textValue())) {
      return evaluate(JsonataTemplates.expression(value.textValue()), field);
    }
    if (value.isObject()) {
      ObjectNode result = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        result.set(entry.getKey(), template(entry.getValue(), field));
      }
      return result;
    }
    if (value.isArray()) {
      ArrayNode result = NODES.arrayNode();
      value.forEach(item -> result.add(template(item, field)));
      return result;
    }
    return value.deepCopy();
  }

  /**
   * Evaluates one expression.
   *
   * @throws StateFailure {@code States.QueryEvaluationError} when it fails or gives nothing
   */
  public JsonNode evaluate(String expression, String field) {
    Object result;
    try {
      Jsonata compiled = compile(expression);
      Jsonata.Frame frame = compiled.createFrame();
      frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
      frame.bind("states", JsonataValues.toJava(states));
      variables.forEach((name, value) -> frame.bind(name, JsonataValues.toJava(value)));
      AwsFunctions.bind(frame, random, now);
      result = compiled.evaluate(null, frame);
    } catch (JException | StateFailure e) {
      throw failure(expression, field, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      throw failure(expression, field, String.valueOf(e.getMessage()));
    }
    if (result == null) {
      throw StateFailure.queryEvaluation(
          "The JSONata expression '"
              + expression
              + "' specified for the field '"
              + field
              + "' returned nothing (undefined).");
    }
    return JsonataValues.toJson(result)
        .orElseThrow(
            () ->
                StateFailure.queryEvaluation(
                    "The JSONata expression '"
                        + expression
                        + "' specified for the field '"
                        + field
                        + "' returned an unsupported result type."));
  }

  private static StateFailure failure(String expression, String field, String message) {
    return StateFailure.queryEvaluation(
        "The JSONata expression '"
            + expression
            + "' specified for the field '"
            + field
            + "' threw an error during evaluation: "
            + message);
  }

  private static Jsonata compile(String expression) {
    Jsonata compiled = COMPILED.get(expression);
    if (compiled == null) {
      compiled = Jsonata.jsonata(expression);
      // Keep JSON null apart from "undefined": null is a value a state may output.
      compiled.setOutputConvertNulls(false);
      COMPILED.put(expression, compiled);
    }
    return compiled;
  }
}
