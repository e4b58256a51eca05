package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What an intrinsic call is evaluated against.
 *
 * @param input the data {@code $...} paths read, i.e. the state's effective input
 * @param contextObject the context object {@code $$...} paths read
 * @param random the only source of randomness ({@code States.UUID}, an unseeded {@code
 *     States.MathRandom}), so that a replay with the same generator gives the same result
 * @param variables the workflow variables in scope, by name without the {@code $}
 */
public record IntrinsicContext(
    JsonNode input,
    JsonNode contextObject,
    RandomGenerator random,
    Map<String, JsonNode> variables) {

  public IntrinsicContext {
    Objects.requireNonNull(random, "random");
    variables = Map.copyOf(variables);
  }

  /** A context without workflow variables. */
  public IntrinsicContext(JsonNode input, JsonNode contextObject, RandomGenerator random) {
    this(input, contextObject, random, Map.of());
  }
}
