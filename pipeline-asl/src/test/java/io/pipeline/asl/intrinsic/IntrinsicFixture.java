package io.pipeline.asl.intrinsic;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.error.StateFailure;
import java.util.Map;
import java.util.Random;

/** Parses and evaluates expressions for the tests, with a fixed context object and generator. */
final class IntrinsicFixture {

  static final String CONTEXT =
      "{\"Execution\":{\"Id\":\"arn:aws:states:us-east-1:111111111111:execution:sm-main:run-1\","
          + "\"Name\":\"run-1\",\"Input\":{\"from\":\"context\",\"list\":[\"x\",\"y\"]}},"
          + "\"StateMachine\":{\"Id\":\"arn:aws:states:us-east-1:111111111111:stateMachine:sm-main\","
          + "\"Name\":\"sm-main\"}}";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private IntrinsicFixture() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Bad JSON in a test: " + text, e);
    }
  }

  static IntrinsicContext context(String input) {
    return new IntrinsicContext(json(input), json(CONTEXT), new Random(42));
  }

  static IntrinsicContext context(String input, Map<String, JsonNode> variables) {
    return new IntrinsicContext(json(input), json(CONTEXT), new Random(42), variables);
  }

  static JsonNode evaluate(String expression, String input) {
    return Intrinsics.evaluate(Intrinsics.parse(expression), context(input));
  }

  static JsonNode evaluate(String expression) {
    return evaluate(expression, "{}");
  }

  static StateFailure failure(String expression, String input) {
    return catchThrowableOfType(StateFailure.class, () -> evaluate(expression, input));
  }

  static StateFailure failure(String expression) {
    return failure(expression, "{}");
  }

  /** The cause AWS gives for arguments a function cannot take. */
  static String invalidArguments(String expression, String function) {
    return "The function '"
        + expression
        + "' had the following error: Invalid arguments in "
        + function;
  }
}
