package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringMatchesTest {

  @ParameterizedTest
  @CsvSource({
    "log-*.txt, log-2024.txt, true",
    "log-*.txt, log-.txt, true",
    "log-*.txt, log-2024.csv, false",
    "*, '', true",
    "a*b*c, abc, true",
    "a*b*c, aXbYbZc, true",
    "a*b*c, acb, false",
    "ab*ba, aba, false",
    "exact, exact, true",
    "exact, exactly, false",
    "Exact, exact, false"
  })
  void shouldMatchWholeStringWhenPatternHasStars(String pattern, String text, boolean expected) {
    // given
    String rule = "{'Variable': '$.v', 'StringMatches': '" + pattern + "'}";

    // when
    boolean result = evaluate(rule, "{'v': '" + text + "'}");

    // then
    assertThat(result).isEqualTo(expected);
  }

  @Test
  void shouldMatchALiteralStarWhenStarIsEscaped() {
    // given: the pattern a\*b (JSON "a\\*b")
    String rule = "{'Variable': '$.v', 'StringMatches': 'a\\\\*b'}";

    // when / then
    assertThat(evaluate(rule, "{'v': 'a*b'}")).isTrue();
    assertThat(evaluate(rule, "{'v': 'aXb'}")).isFalse();
  }

  @Test
  void shouldMatchALiteralBackslashWhenBackslashIsEscaped() {
    // given: the pattern a\\* (JSON "a\\\\*"): a literal backslash, then a wildcard
    String rule = "{'Variable': '$.v', 'StringMatches': 'a\\\\\\\\*'}";

    // when / then
    assertThat(evaluate(rule, "{'v': 'a\\\\tail'}")).isTrue();
    assertThat(evaluate(rule, "{'v': 'atail'}")).isFalse();
  }

  @Test
  void shouldTreatBackslashAsLiteralWhenItEscapesNothingSpecial() {
    // given: the pattern a\b (JSON "a\\b")
    String rule = "{'Variable': '$.v', 'StringMatches': 'a\\\\b'}";

    // when / then
    assertThat(evaluate(rule, "{'v': 'a\\\\b'}")).isTrue();
    assertThat(evaluate(rule, "{'v': 'ab'}")).isFalse();
  }

  @Test
  void shouldTreatRegexCharactersLiterallyWhenMatching() {
    // given
    String rule = "{'Variable': '$.v', 'StringMatches': 'a.?[b]+'}";

    // when / then
    assertThat(evaluate(rule, "{'v': 'a.?[b]+'}")).isTrue();
    assertThat(evaluate(rule, "{'v': 'ax[b]'}")).isFalse();
  }
}
