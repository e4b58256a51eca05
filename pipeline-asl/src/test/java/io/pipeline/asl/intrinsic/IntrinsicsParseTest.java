package io.pipeline.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.asl.intrinsic.IntrinsicArgument.BooleanLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.JsonPathArgument;
import io.pipeline.asl.intrinsic.IntrinsicArgument.NullLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.NumberLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.StringLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.VariableArgument;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class IntrinsicsParseTest {

  @Test
  void shouldRecogniseIntrinsicWhenTextStartsWithStatesPrefix() {
    // given
    String call = "States.UUID()";
    String path = "$.States";

    // when / then
    assertThat(Intrinsics.isIntrinsic(call)).isTrue();
    assertThat(Intrinsics.isIntrinsic(path)).isFalse();
    assertThat(Intrinsics.isIntrinsic(" States.UUID()")).isFalse();
    assertThat(Intrinsics.isIntrinsic(null)).isFalse();
  }

  @Test
  void shouldParseEveryArgumentKindWhenCallMixesThem() {
    // given
    String expression = "States.Array('a', -1.5, 7, true, false, null, $.x, $$.Execution.Id, $)";

    // when
    IntrinsicCall call = Intrinsics.parse(expression);

    // then
    assertThat(call.function()).isEqualTo(IntrinsicFunction.ARRAY);
    assertThat(call.source()).isEqualTo(expression);
    assertThat(call.arguments())
        .containsExactly(
            new StringLiteral("a", "a"),
            new NumberLiteral(new BigDecimal("-1.5"), false),
            new NumberLiteral(new BigDecimal("7"), true),
            new BooleanLiteral(true),
            new BooleanLiteral(false),
            new NullLiteral(),
            new JsonPathArgument("$.x"),
            new JsonPathArgument("$$.Execution.Id"),
            new JsonPathArgument("$"));
  }

  @Test
  void shouldResolveEscapesWhenStringLiteralHasThem() {
    // given
    String expression = "States.Format('it\\'s \\{\\} and \\\\ {}', 1)";

    // when
    IntrinsicCall call = Intrinsics.parse(expression);

    // then
    assertThat(call.arguments().get(0))
        .isEqualTo(new StringLiteral("it's {} and \\ {}", "it\\'s \\{\\} and \\\\ {}"));
  }

  @Test
  void shouldKeepRawCharactersWhenStringLiteralHoldsQuotesAndNewlines() {
    // given
    String expression = "States.StringSplit('Hello\nWorld \"x\"', '\n')";

    // when
    IntrinsicCall call = Intrinsics.parse(expression);

    // then
    assertThat(call.arguments())
        .containsExactly(
            new StringLiteral("Hello\nWorld \"x\"", "Hello\nWorld \"x\""),
            new StringLiteral("\n", "\n"));
  }

  @Test
  void shouldParseNestedCallsWhenArgumentsAreCalls() {
    // given
    String expression =
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'),"
            + " States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')),"
            + " -1))";

    // when
    IntrinsicCall call = Intrinsics.parse(expression);

    // then
    assertThat(call.function()).isEqualTo(IntrinsicFunction.ARRAY_GET_ITEM);
    IntrinsicCall split = (IntrinsicCall) call.arguments().get(0);
    assertThat(split.function()).isEqualTo(IntrinsicFunction.STRING_SPLIT);
    assertThat(split.source()).isEqualTo("States.StringSplit($$.StateMachine.Name, '-')");
    IntrinsicCall add = (IntrinsicCall) call.arguments().get(1);
    assertThat(add.function()).isEqualTo(IntrinsicFunction.MATH_ADD);
    assertThat(((IntrinsicCall) add.arguments().get(0)).function())
        .isEqualTo(IntrinsicFunction.ARRAY_LENGTH);
  }

  @Test
  void shouldToleratePaddingWhenArgumentsAreSurroundedBySpaces() {
    // given
    String expression = "States.Array(  $.a ,$.b  ,  1 )";

    // when
    IntrinsicCall call = Intrinsics.parse(expression);

    // then
    assertThat(call.arguments())
        .containsExactly(
            new JsonPathArgument("$.a"),
            new JsonPathArgument("$.b"),
            new NumberLiteral(BigDecimal.ONE, true));
    assertThat(Intrinsics.parse("States.UUID( )").arguments()).isEmpty();
  }

  @Test
  void shouldKeepPathWholeWhenBracketsHoldCommasAndParentheses() {
    // given
    String expression = "States.Array($['a,b'], $.items[?(@.n > 1)].id)";

    // when
    IntrinsicCall call = Intrinsics.parse(expression);

    // then
    assertThat(call.arguments())
        .containsExactly(
            new JsonPathArgument("$['a,b']"), new JsonPathArgument("$.items[?(@.n > 1)].id"));
  }

  @Test
  void shouldParseVariableWhenDollarIsFollowedByName() {
    // given
    String expression = "States.Format($template, $order.items[0])";

    // when
    IntrinsicCall call = Intrinsics.parse(expression);

    // then
    assertThat(call.arguments())
        .containsExactly(
            new VariableArgument("template", "$"), new VariableArgument("order", "$.items[0]"));
  }

  @Test
  void shouldNameProblemAndCharacterWhenStringIsUnterminated() {
    // given
    String expression = "States.Format('abc, $.x)";

    // when
    IntrinsicSyntaxException error = syntaxError(expression);

    // then
    assertThat(error.position()).isEqualTo(14);
    assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid intrinsic function call: unterminated string literal at character 15 of "
                + expression);
  }

  @Test
  void shouldRejectEscapeWhenCharacterIsNotEscapable() {
    // given
    String expression = "States.Base64Decode('YWJj\\nZA==')";

    // when
    IntrinsicSyntaxException error = syntaxError(expression);

    // then
    assertThat(error.position()).isEqualTo(25);
    assertThat(error).hasMessageContaining("invalid escape '\\n'");
  }

  @Test
  void shouldRejectUnknownFunctionWhenNameIsNotOneOfEighteen() {
    // given
    String expression = "States.Concat('a', 'b')";

    // when
    IntrinsicSyntaxException error = syntaxError(expression);

    // then
    assertThat(error.position()).isZero();
    assertThat(error).hasMessageContaining("unknown intrinsic function 'States.Concat'");
  }

  @Test
  void shouldRejectCallWhenClosingParenthesisIsMissing() {
    // when
    IntrinsicSyntaxException error = syntaxError("States.ArrayLength($.arr");

    // then
    assertThat(error.position()).isEqualTo(24);
    assertThat(error).hasMessageContaining("expected ',' or ')' but the expression ended");
  }

  @Test
  void shouldRejectTextWhenItFollowsTheCall() {
    // when
    IntrinsicSyntaxException error = syntaxError("States.UUID() trailing");

    // then
    assertThat(error.position()).isEqualTo(14);
    assertThat(error).hasMessageContaining("unexpected text after the call's closing ')'");
  }

  @Test
  void shouldRejectEmptyArgumentWhenCommaIsDangling() {
    // when
    IntrinsicSyntaxException error = syntaxError("States.ArrayPartition($.arr, )");

    // then
    assertThat(error.position()).isEqualTo(29);
    assertThat(error).hasMessageContaining("expected an argument");
  }

  @Test
  void shouldRejectBareWordWhenStringIsNotQuoted() {
    // when
    IntrinsicSyntaxException error = syntaxError("States.Format(hello)");

    // then
    assertThat(error.position()).isEqualTo(14);
    assertThat(error).hasMessageContaining("must be quoted with single quotes");
  }

  @Test
  void shouldRejectNumberWhenItIsNotJsonNumberSyntax() {
    // when / then
    assertThat(syntaxError("States.Array(1.)")).hasMessageContaining("invalid number");
    assertThat(syntaxError("States.Array(.5)")).hasMessageContaining("expected an argument");
    assertThat(syntaxError("States.Array(01)")).hasMessageContaining("invalid number");
    assertThat(syntaxError("States.Array(1x)")).hasMessageContaining("invalid number");
  }

  @Test
  void shouldRejectPathWhenItIsNotValidJsonPath() {
    // when
    IntrinsicSyntaxException error = syntaxError("States.Array($.a[, 1)");

    // then
    assertThat(error.position()).isEqualTo(13);
    assertThat(error).hasMessageContaining("invalid path '$.a[, 1)'");
  }

  @Test
  void shouldRejectSpaceWhenItSeparatesNameFromParenthesis() {
    // when
    IntrinsicSyntaxException error = syntaxError("States.UUID ()");

    // then
    assertThat(error.position()).isEqualTo(11);
    assertThat(error).hasMessageContaining("expected '(' after States.UUID");
  }

  @Test
  void shouldRejectExpressionWhenItIsNotACall() {
    // when / then
    assertThat(syntaxError("$.a")).hasMessageContaining("expected an intrinsic function");
    assertThat(syntaxError("States.Array([1,2])")).hasMessageContaining("expected an argument");
  }

  private static IntrinsicSyntaxException syntaxError(String expression) {
    return catchThrowableOfType(IntrinsicSyntaxException.class, () -> Intrinsics.parse(expression));
  }
}
