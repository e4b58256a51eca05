package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The intrinsic functions of JSONPath states ({@code States.Format}, {@code States.Array}, ...),
 * written as the value of a field whose name ends in {@code .$}.
 *
 * <p>Failures follow AWS: a path argument that names nothing, or arguments a function cannot take,
 * fail the state with {@code States.Runtime} (not {@code States.IntrinsicFailure}) and a cause such
 * as {@code The function 'States.MathAdd($.a, 1)' had the following error: Invalid arguments in
 * States.MathAdd}.
 */
public final class Intrinsics {

  private static final Map<String, IntrinsicCall> PARSED = new ConcurrentHashMap<>();

  private static final String PREFIX = "States.";

  private Intrinsics() {}

  /**
   * Whether a string (the value of a field whose name ends in {@code .$}) is an intrinsic call,
   * i.e. starts with {@code States.}.
   */
  public static boolean isIntrinsic(String expression) {
    return expression != null && expression.startsWith(PREFIX);
  }

  /**
   * Parses a call, nested calls included.
   *
   * @throws IntrinsicSyntaxException when the text is not a well-formed call of a known function;
   *     the message says what is wrong and at which character
   */
  public static IntrinsicCall parse(String expression) {
    // A definition's expressions are few and evaluated for every execution: each is parsed once.
    return PARSED.computeIfAbsent(expression, IntrinsicParser::parse);
  }

  /**
   * Evaluates a parsed call against the state's input, the context object and the variables.
   *
   * @return a new JSON value that shares no nodes with the input
   * @throws io.pipeline.asl.error.StateFailure {@code States.Runtime} when a path names nothing or
   *     a function gets arguments it cannot take (wrong count, type or range)
   */
  public static JsonNode evaluate(IntrinsicCall call, IntrinsicContext context) {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(context, "context");
    return IntrinsicEvaluator.evaluate(call, context);
  }
}
