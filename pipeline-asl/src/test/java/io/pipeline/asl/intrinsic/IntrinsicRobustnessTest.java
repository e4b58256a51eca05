package io.pipeline.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Parsing any text as an intrinsic call gives a call or an {@link IntrinsicSyntaxException}. */
class IntrinsicRobustnessTest {

  private static final List<String> FRAGMENTS =
      List.of(
          "(",
          ")",
          ",",
          ", ",
          " ",
          "'",
          "'a'",
          "'{}'",
          "\\",
          "\\'",
          "\\{",
          "{}",
          "{",
          "}",
          "$",
          "$.a",
          "$$.Execution.Id",
          "$var",
          "$.a[0]",
          "$[?(@.a > 1)]",
          "[",
          "]",
          "0",
          "-1",
          "2.5",
          "1e3",
          "-0.5E-2",
          "007",
          "-",
          ".",
          "e",
          "true",
          "false",
          "null",
          "nul",
          "x",
          "é",
          "\u0000",
          "\t",
          "States.",
          "States.Format(",
          "States.Array(",
          "States.MathAdd(",
          "States.UUID()",
          "States.Hash(");

  @Property(tries = 1000)
  void shouldReturnCallOrThrowSyntaxExceptionWhenTextIsRandom(@ForAll("calls") String text) {
    // when
    Throwable thrown = catchThrowable(() -> Intrinsics.parse(text));

    // then
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(IntrinsicSyntaxException.class);
    }
  }

  @org.junit.jupiter.api.Test
  void shouldReportNumberOutOfRangeAsSyntaxError() {
    assertThat(catchThrowable(() -> Intrinsics.parse("States.Format(0e3000000000)")))
        .isInstanceOf(IntrinsicSyntaxException.class)
        .hasMessageContaining("number out of range");
  }

  @Provide
  Arbitrary<String> calls() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> number =
        Combinators.combine(
                Arbitraries.of("", "-"),
                digits,
                Arbitraries.of("", ".5", "e", "E-", "e+"),
                digits.injectNull(0.5))
            .as(
                (sign, whole, mark, exponent) ->
                    sign + whole + (mark.isEmpty() || exponent == null ? mark : mark + exponent));
    Arbitrary<String> token =
        Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(FRAGMENTS)), Tuple.of(1, number));
    Arbitrary<String> fromFragments =
        token.list().ofMaxSize(10).map(parts -> String.join("", parts));
    Arbitrary<String> function =
        Arbitraries.of(
            Arrays.stream(IntrinsicFunction.values())
                .map(IntrinsicFunction::functionName)
                .toList());
    return Arbitraries.frequencyOf(
        Tuple.of(6, Combinators.combine(function, fromFragments).as((f, rest) -> f + "(" + rest)),
        Tuple.of(2, fromFragments.map(rest -> "States." + rest)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(16)));
  }
}
