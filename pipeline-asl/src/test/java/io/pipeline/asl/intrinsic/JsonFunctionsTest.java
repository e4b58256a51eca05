package io.pipeline.asl.intrinsic;

import static io.pipeline.asl.intrinsic.IntrinsicFixture.evaluate;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.failure;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.invalidArguments;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import org.junit.jupiter.api.Test;

class JsonFunctionsTest {

  @Test
  void shouldParseJsonWhenStringHoldsAValue() {
    // when / then
    assertThat(
            evaluate("States.StringToJson($.s)", "{\"s\":\"{\\\"Arg1\\\": 1, \\\"Arg2\\\": []}\"}"))
        .isEqualTo(json("{\"Arg1\":1,\"Arg2\":[]}"));
    assertThat(evaluate("States.StringToJson('-0')")).isEqualTo(json("0"));
    assertThat(evaluate("States.StringToJson('1.1')")).isEqualTo(json("1.1"));
    assertThat(evaluate("States.StringToJson('true')")).isEqualTo(json("true"));
    assertThat(evaluate("States.StringToJson(' [1, 2] ')")).isEqualTo(json("[1,2]"));
  }

  @Test
  void shouldGiveNullWhenStringIsBlankOrNull() {
    // when / then
    assertThat(evaluate("States.StringToJson('')").isNull()).isTrue();
    assertThat(evaluate("States.StringToJson(' ')").isNull()).isTrue();
    assertThat(evaluate("States.StringToJson('null')").isNull()).isTrue();
  }

  @Test
  void shouldFailParseWhenStringIsNotJson() {
    // given
    String expression = "States.StringToJson('{bad json}')";

    // when
    StateFailure failure = failure(expression);

    // then
    assertThat(failure.cause()).isEqualTo(invalidArguments(expression, "States.StringToJson"));
    assertThat(failure("States.StringToJson('{\"a\":1')").cause())
        .endsWith("Invalid arguments in States.StringToJson");
    assertThat(failure("States.StringToJson('1 2')").cause())
        .endsWith("Invalid arguments in States.StringToJson");
    assertThat(failure("States.StringToJson(123)").cause())
        .endsWith("Invalid arguments in States.StringToJson");
  }

  @Test
  void shouldWriteCompactJsonWhenValueIsSerialised() {
    // given
    String input =
        "{\"obj\":{\"nested\":{\"a\":1},\"arr\":[true,null]},\"num\":1.1,\"str\":\"HelloWorld\"}";

    // when / then
    assertThat(evaluate("States.JsonToString($.obj)", input).textValue())
        .isEqualTo("{\"nested\":{\"a\":1},\"arr\":[true,null]}");
    assertThat(evaluate("States.JsonToString($.num)", input).textValue()).isEqualTo("1.1");
    assertThat(evaluate("States.JsonToString($.str)", input).textValue())
        .isEqualTo("\"HelloWorld\"");
    assertThat(evaluate("States.JsonToString(null)").textValue()).isEqualTo("null");
    assertThat(failure("States.JsonToString()").cause())
        .endsWith("Invalid arguments in States.JsonToString");
  }

  @Test
  void shouldMergeShallowlyInHashMapOrderWhenDeepIsFalse() {
    // given
    String input =
        "{\"fst\":{\"a\":{\"a1\":1,\"a2\":2},\"b\":2,\"d\":3},"
            + "\"snd\":{\"a\":{\"a3\":1,\"a4\":2},\"c\":3,\"d\":4}}";

    // when
    JsonNode result = evaluate("States.JsonMerge($.fst, $.snd, false)", input);

    // then
    assertThat(result.toString()).isEqualTo("{\"a\":{\"a3\":1,\"a4\":2},\"b\":2,\"c\":3,\"d\":4}");
  }

  @Test
  void shouldMergeNestedCallResultWhenArgumentIsAStringToJsonCall() {
    // given
    String expression =
        "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'),"
            + " $$.Execution.Input.list, false)";
    String merge =
        "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'),"
            + " $.field, false)";

    // when
    JsonNode result = evaluate(merge, "{\"field\":{\"constant_input_field\":\"constant_value\"}}");

    // then
    assertThat(result.toString())
        .isEqualTo(
            "{\"constant_input_field\":\"constant_value\",\"constant_in_literal\":\"false\"}");
    assertThat(failure(expression).cause()).endsWith("Invalid arguments in States.JsonMerge");
  }

  @Test
  void shouldFailMergeWhenDeepMergeIsAskedOrArgumentIsNotAnObject() {
    // given
    String deep = "States.JsonMerge($.a, $.b, true)";
    String input = "{\"a\":{\"x\":1},\"b\":{\"y\":2},\"n\":null}";

    // when
    StateFailure failure = failure(deep, input);

    // then
    assertThat(failure.cause()).isEqualTo(invalidArguments(deep, "States.JsonMerge"));
    assertThat(failure("States.JsonMerge($.n, $.b, false)", input).cause())
        .endsWith("Invalid arguments in States.JsonMerge");
    assertThat(failure("States.JsonMerge($.a, $.b)", input).cause())
        .endsWith("Invalid arguments in States.JsonMerge");
  }
}
