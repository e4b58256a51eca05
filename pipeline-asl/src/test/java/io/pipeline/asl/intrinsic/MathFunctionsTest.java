package io.pipeline.asl.intrinsic;

import static io.pipeline.asl.intrinsic.IntrinsicFixture.evaluate;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.failure;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.invalidArguments;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MathFunctionsTest {

  @Test
  void shouldAddIntegersWhenBothAreWhole() {
    // when / then
    assertThat(evaluate("States.MathAdd($.a, $.b)", "{\"a\":-9,\"b\":3}")).isEqualTo(json("-6"));
    assertThat(evaluate("States.MathAdd(111, -1)")).isEqualTo(json("110"));
  }

  @Test
  void shouldRoundHalfUpEachOperandWhenNumbersHaveFractions() {
    // when / then
    assertThat(evaluate("States.MathAdd(1.49, 1.5)")).isEqualTo(json("3"));
    assertThat(evaluate("States.MathAdd(1.5, 1.51)")).isEqualTo(json("4"));
    assertThat(evaluate("States.MathAdd(-1.5, -1.51)")).isEqualTo(json("-3"));
    assertThat(evaluate("States.MathAdd(-0.5, 0.5)")).isEqualTo(json("1"));
    assertThat(evaluate("States.MathAdd(-3.5, 0)")).isEqualTo(json("-3"));
    assertThat(evaluate("States.MathAdd(2.5, 0)")).isEqualTo(json("3"));
  }

  @Test
  void shouldFailAddWhenSumLeavesThirtyTwoBitRange() {
    // given
    String overflow = "States.MathAdd(2147483647, 1)";

    // when
    StateFailure failure = failure(overflow);

    // then
    assertThat(evaluate("States.MathAdd(-2147483647, -1)")).isEqualTo(json("-2147483648"));
    assertThat(failure.cause()).isEqualTo(invalidArguments(overflow, "States.MathAdd"));
    assertThat(failure("States.MathAdd(3000000000, -1)").cause())
        .endsWith("Invalid arguments in States.MathAdd");
  }

  @Test
  void shouldFailAddWhenOperandIsNotANumber() {
    // when / then
    assertThat(failure("States.MathAdd('1', 2)").cause())
        .isEqualTo(invalidArguments("States.MathAdd('1', 2)", "States.MathAdd"));
    assertThat(failure("States.MathAdd(true, 1)").cause())
        .endsWith("Invalid arguments in States.MathAdd");
    assertThat(failure("States.MathAdd(null, 1)").cause())
        .endsWith("Invalid arguments in States.MathAdd");
    assertThat(failure("States.MathAdd(1)").cause())
        .endsWith("Invalid arguments in States.MathAdd");
  }

  @Test
  void shouldDrawFromContextGeneratorWhenNoSeedIsGiven() {
    // given
    IntrinsicCall call = Intrinsics.parse("States.MathRandom($.start, $.end)");
    String input = "{\"start\":-99999,\"end\":-9999}";

    // when
    JsonNode first = Intrinsics.evaluate(call, IntrinsicFixture.context(input));
    JsonNode replay = Intrinsics.evaluate(call, IntrinsicFixture.context(input));

    // then
    assertThat(first.isInt()).isTrue();
    assertThat(first.intValue()).isBetween(-99999, -10000);
    assertThat(replay).isEqualTo(first);
    assertThat(first.intValue()).isEqualTo(new Random(42).nextInt(-99999, -9999));
  }

  @Test
  void shouldDrawAsJavaRandomWhenSeedIsGiven() {
    // when
    JsonNode seeded = evaluate("States.MathRandom(-5, 5, 42)");
    JsonNode again = evaluate("States.MathRandom(-5, 5, 42)");

    // then
    assertThat(seeded).isEqualTo(json("-5"));
    assertThat(again).isEqualTo(seeded);
    assertThat(evaluate("States.MathRandom(0, 999, 3)").intValue())
        .isEqualTo(new Random(3).nextInt(999));
  }

  @Test
  void shouldCutBoundsTowardsZeroWhenTheyHaveFractions() {
    // given
    IntrinsicCall call = Intrinsics.parse("States.MathRandom(12.5, 13.9)");

    // when
    JsonNode result = Intrinsics.evaluate(call, IntrinsicFixture.context("{}"));

    // then
    assertThat(result).isEqualTo(json("12"));
  }

  @Test
  void shouldFailRandomWhenRangeIsEmptyOrArgumentsAreWrong() {
    // given
    String empty = "States.MathRandom(1.4, 1.6)";

    // when
    StateFailure failure = failure(empty);

    // then
    assertThat(failure.cause()).isEqualTo(invalidArguments(empty, "States.MathRandom"));
    assertThat(failure("States.MathRandom(10, 5)").cause())
        .endsWith("Invalid arguments in States.MathRandom");
    assertThat(failure("States.MathRandom(1, 10, null)").cause())
        .endsWith("Invalid arguments in States.MathRandom");
    assertThat(failure("States.MathRandom(1)").cause())
        .endsWith("Invalid arguments in States.MathRandom");
  }
}
