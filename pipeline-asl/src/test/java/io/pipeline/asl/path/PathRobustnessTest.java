package io.pipeline.asl.path;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Asking whether any text is a valid path answers, and never throws. */
class PathRobustnessTest {

  private static final List<String> FRAGMENTS =
      List.of(
          "$",
          "$$",
          "$var",
          "$_x",
          ".",
          "..",
          "[",
          "]",
          "[*]",
          "*",
          "'",
          "\"",
          "?",
          "(",
          ")",
          "@",
          "@.a",
          ",",
          ":",
          "-",
          "0",
          "1",
          "-1",
          "2:5",
          "a",
          "b",
          "length()",
          "min()",
          " ",
          "==",
          "!=",
          "<",
          ">=",
          "=~",
          "/",
          "/.*/i",
          "&&",
          "||",
          "!",
          "in",
          "nin",
          "size",
          "empty",
          "true",
          "null",
          "\\",
          "\\'",
          "{",
          "}",
          "é",
          "\u0000",
          "\n");

  @Property(tries = 1000)
  void shouldAnswerWithoutThrowingWhenPathIsRandom(@ForAll("paths") String path) {
    // when / then
    assertThatCode(() -> JsonPaths.isValid(path)).doesNotThrowAnyException();
    assertThatCode(() -> PathScope.isValid(path)).doesNotThrowAnyException();
  }

  @Property(tries = 1000)
  void shouldTellDefinitenessWithoutThrowingWhenPathIsValid(@ForAll("paths") String path) {
    // given
    boolean valid = PathScope.isValid(path);

    // when / then
    if (valid) {
      assertThatCode(() -> PathScope.isDefinite(path)).doesNotThrowAnyException();
    }
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> fromFragments =
        Arbitraries.of(FRAGMENTS).list().ofMaxSize(10).map(parts -> String.join("", parts));
    return Arbitraries.frequencyOf(
        Tuple.of(6, fromFragments.map(rest -> "$" + rest)),
        Tuple.of(2, fromFragments),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(16)));
  }
}
