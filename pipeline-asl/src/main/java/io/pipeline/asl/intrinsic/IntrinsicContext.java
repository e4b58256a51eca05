package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What an intrinsic call is evaluated against.
 *
 * @param input the data {@code $...} paths read, i.e. the state's effective input
 * @param contextSource gives the context object {@code $$...} paths read, when one does
 * @param random the only source of randomness ({@code States.UUID}, an unseeded {@code
 *     States.MathRandom}), so that a replay with the same generator gives the same result
 * @param variables the workflow variables in scope, by name without the {@code $}
 */
public record IntrinsicContext(
    JsonNode input,
    Supplier<JsonNode> contextSource,
    RandomGenerator random,
    Map<String, JsonNode> variables) {

  public IntrinsicContext {
    Objects.requireNonNull(contextSource, "contextSource");
    Objects.requireNonNull(random, "random");
    variables = Map.copyOf(variables);
  }

  /** A context with workflow variables and a context object built already. */
  public IntrinsicContext(
      JsonNode input,
      JsonNode contextObject,
      RandomGenerator random,
      Map<String, JsonNode> variables) {
    this(input, () -> contextObject, random, variables);
  }

  /** A context without workflow variables. */
  public IntrinsicContext(JsonNode input, JsonNode contextObject, RandomGenerator random) {
    this(input, contextObject, random, Map.of());
  }

  /** The context object {@code $$...} paths read. */
  public JsonNode contextObject() {
    return contextSource.get();
  }
}
