package io.pipeline.asl.intrinsic;

import static io.pipeline.asl.intrinsic.IntrinsicFixture.evaluate;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.failure;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.invalidArguments;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.asl.error.StateFailure;
import org.junit.jupiter.api.Test;

class StringFunctionsTest {

  @Test
  void shouldInsertStringsRawWhenFormatting() {
    // given
    String input = "{\"fst\":\" \",\"snd\":\"{\\\"Arg1\\\": 1}\"}";

    // when / then
    assertThat(evaluate("States.Format('fst={} and snd={}.', $.fst, $.snd)", input).textValue())
        .isEqualTo("fst=  and snd={\"Arg1\": 1}.");
    assertThat(evaluate("States.Format('no placeholders')").textValue())
        .isEqualTo("no placeholders");
  }

  @Test
  void shouldInsertJavaTextWhenValuesAreNotStrings() {
    // given
    String input = "{\"obj\":{\"Arg1\":1,\"Arg2\":[]},\"list\":[\"a\",1.5,null],\"n\":null}";

    // when / then
    assertThat(evaluate("States.Format('{}|{}|{}', $.obj, $.list, $.n)", input).textValue())
        .isEqualTo("{Arg1=1, Arg2=[]}|[a, 1.5, null]|null");
    assertThat(evaluate("States.Format('{} {} {}', 1.1, 7, false)").textValue())
        .isEqualTo("1.1 7 false");
    assertThat(evaluate("States.Format('{}', $$.StateMachine)", "{}").textValue())
        .isEqualTo("{Id=arn:aws:states:us-east-1:111111111111:stateMachine:sm-main, Name=sm-main}");
  }

  @Test
  void shouldKeepEscapedBracesWhenTemplateEscapesThem() {
    // when
    String result = evaluate("States.Format('\\{\\} it\\'s {} \\\\', 'x')").textValue();

    // then
    assertThat(result).isEqualTo("{} it's x \\");
  }

  @Test
  void shouldReadTemplateWhenItComesFromAPath() {
    // when
    String result = evaluate("States.Format($.t, 1)", "{\"t\":\"n={}\"}").textValue();

    // then
    assertThat(result).isEqualTo("n=1");
  }

  @Test
  void shouldFailFormatWhenArgumentCountDiffersFromPlaceholders() {
    // given
    String tooFew = "States.Format('{} {}', 'x')";

    // when
    StateFailure failure = failure(tooFew);

    // then
    assertThat(failure.cause()).isEqualTo(invalidArguments(tooFew, "States.Format"));
    assertThat(failure("States.Format('{}', 'x', 'y')").cause())
        .endsWith("Invalid arguments in States.Format");
  }

  @Test
  void shouldFailFormatWhenTemplateHasStrayBraceOrIsNotAString() {
    // when / then
    assertThat(failure("States.Format('Hello {', 'x')").cause())
        .endsWith("Invalid arguments in States.Format");
    assertThat(failure("States.Format('}')").cause())
        .endsWith("Invalid arguments in States.Format");
    assertThat(failure("States.Format('Hello {{}}', 'x')").cause())
        .endsWith("Invalid arguments in States.Format");
    assertThat(failure("States.Format($.t, 1)", "{\"t\":123}").cause())
        .endsWith("Invalid arguments in States.Format");
  }

  @Test
  void shouldSplitOnEveryDelimiterCharacterAndDropEmptiesWhenSplitting() {
    // when / then
    assertThat(evaluate("States.StringSplit('1,2,3,4,5', ',')"))
        .isEqualTo(json("[\"1\",\"2\",\"3\",\"4\",\"5\"]"));
    assertThat(evaluate("States.StringSplit('This.is+a,test=string', '.+,=')"))
        .isEqualTo(json("[\"This\",\"is\",\"a\",\"test\",\"string\"]"));
    assertThat(evaluate("States.StringSplit(', , ,', ',')")).isEqualTo(json("[\" \",\" \"]"));
    assertThat(evaluate("States.StringSplit('', ',')")).isEqualTo(json("[]"));
    assertThat(evaluate("States.StringSplit('Hello\nWorld', '\n')"))
        .isEqualTo(json("[\"Hello\",\"World\"]"));
  }

  @Test
  void shouldFailSplitWhenArgumentIsNotAString() {
    // given
    String expression = "States.StringSplit($.v, ',')";

    // when
    StateFailure failure = failure(expression, "{\"v\":123}");

    // then
    assertThat(failure.cause()).isEqualTo(invalidArguments(expression, "States.StringSplit"));
    assertThat(failure("States.StringSplit('a,b', null)").cause())
        .endsWith("Invalid arguments in States.StringSplit");
  }
}
