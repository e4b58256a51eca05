package io.pipeline.asl.intrinsic;

import static io.pipeline.asl.intrinsic.IntrinsicFixture.context;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.evaluate;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.failure;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicEvaluationTest {

  @Test
  void shouldEvaluateInnerCallsFirstWhenCallsAreNested() {
    // given
    String expression =
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'),"
            + " States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')),"
            + " -1))";

    // when
    JsonNode last = evaluate(expression);
    JsonNode first =
        evaluate("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)");

    // then
    assertThat(last.textValue()).isEqualTo("main");
    assertThat(first.textValue()).isEqualTo("sm");
  }

  @Test
  void shouldRoundTripWhenEncodingCallsAreNested() {
    // when
    JsonNode result =
        evaluate(
            "States.Base64Decode(States.Base64Encode(States.Format('{}-{}', $.a, 2)))",
            "{\"a\":\"x\"}");

    // then
    assertThat(result.textValue()).isEqualTo("x-2");
  }

  @Test
  void shouldReadWholeInputAndContextWhenPathsAreRoots() {
    // when / then
    assertThat(evaluate("States.JsonToString($)", "{\"other\":1}").textValue())
        .isEqualTo("{\"other\":1}");
    assertThat(evaluate("States.Array($$.Execution.Input.from)").get(0).textValue())
        .isEqualTo("context");
  }

  @Test
  void shouldFailWithAwsWordingWhenPathNamesNothing() {
    // given
    String expression = "States.Format('{} {}', $.other, $.a.b)";

    // when
    StateFailure failure = failure(expression, "{\"other\":1}");

    // then
    assertThat(failure.error()).isEqualTo(StatesErrors.RUNTIME);
    assertThat(failure.cause())
        .isEqualTo(
            "The function 'States.Format('{} {}', $.other, $.a.b)' had the following error: The"
                + " JsonPath argument for the field '$.a.b' could not be found in the input"
                + " '{\"other\":1}'");
  }

  @Test
  void shouldNameWholeExpressionWhenNestedCallFails() {
    // given
    String expression = "States.Format('{}', States.Format('{}', $.nope))";

    // when
    StateFailure failure = failure(expression, "{}");

    // then
    assertThat(failure.cause())
        .isEqualTo(
            "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following"
                + " error: The JsonPath argument for the field '$.nope' could not be found in the"
                + " input '{}'");
  }

  @Test
  void shouldTreatIndexPastEndAsMissingWhenPathIsAnArgument() {
    // given
    String input = "{\"items\":[1,2],\"n\":null}";

    // when
    StateFailure failure = failure("States.Array($.items[5])", input);

    // then
    assertThat(failure.cause())
        .endsWith(
            "The JsonPath argument for the field '$.items[5]' could not be found in the"
                + " input '{\"items\":[1,2],\"n\":null}'");
    assertThat(evaluate("States.Array($.n, $.items[1], $.items[-1])", input))
        .isEqualTo(json("[null,2,2]"));
  }

  @Test
  void shouldShowContextPathAgainstItsRootWhenContextPathNamesNothing() {
    // when
    StateFailure failure = failure("States.Array($$.Nope.Deep)", "{\"other\":1}");

    // then
    assertThat(failure.cause())
        .endsWith(
            "The JsonPath argument for the field '$.Nope.Deep' could not be found in the"
                + " input '{\"other\":1}'");
  }

  @Test
  void shouldReadVariablesWhenArgumentsReferenceThem() {
    // given
    IntrinsicContext context =
        context(
            "{}",
            Map.of(
                "AnswerTemplate", json("\"It's {}!\""),
                "order", json("{\"items\":[4.3, 2]}")));
    IntrinsicCall call =
        Intrinsics.parse("States.Format($AnswerTemplate, States.MathAdd($order.items[0], 1))");

    // when
    JsonNode result = Intrinsics.evaluate(call, context);

    // then
    assertThat(result.textValue()).isEqualTo("It's 5!");
  }

  @Test
  void shouldFailWhenVariableIsNotDefined() {
    // given
    IntrinsicCall call = Intrinsics.parse("States.Array($missing)");

    // when
    StateFailure failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            StateFailure.class, () -> Intrinsics.evaluate(call, context("{}")));

    // then
    assertThat(failure.error()).isEqualTo(StatesErrors.RUNTIME);
    assertThat(failure.cause()).contains("'$missing'");
  }

  @Test
  void shouldLeaveInputUntouchedWhenResultIsChanged() {
    // given
    IntrinsicContext context = context("{\"obj\":{\"a\":1}}");

    // when
    JsonNode result = Intrinsics.evaluate(Intrinsics.parse("States.Array($.obj)"), context);
    ((ObjectNode) result.get(0)).put("a", 2);

    // then
    assertThat(context.input()).isEqualTo(json("{\"obj\":{\"a\":1}}"));
  }
}
