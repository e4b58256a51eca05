package io.pipeline.orchestrator.triggers;

import static io.pipeline.orchestrator.triggers.EventPatternTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExecutionNamesTest {

  /** The API's own check of StartExecution's name. */
  private static final Pattern STEP_FUNCTIONS_NAME =
      Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");

  @Test
  void shouldKeepAValidValueAsItIs() {
    assertThat(ExecutionNames.of("landing-incoming_2026.csv"))
        .isEqualTo("landing-incoming_2026.csv");
    assertThat(ExecutionNames.of("x".repeat(80))).isEqualTo("x".repeat(80));
  }

  @Test
  void shouldReplaceForbiddenCharactersAndAppendAHashWhenTheValueIsNotAName() {
    String name = ExecutionNames.of("landing/incoming/2026/a b.csv");

    assertThat(name).matches("landing_incoming_2026_a_b\\.csv-[0-9a-f]{16}");
    assertThat(name).matches(STEP_FUNCTIONS_NAME);
  }

  @Test
  void shouldGiveTheSameNameForTheSameValue() {
    String value = "landing/incoming/2026/a b.csv";

    assertThat(ExecutionNames.of(value)).isEqualTo(ExecutionNames.of(new String(value)));
  }

  @Test
  void shouldGiveDifferentNamesToValuesThatDifferOnlyInWhatWasReplaced() {
    assertThat(ExecutionNames.of("a b")).isNotEqualTo(ExecutionNames.of("a\tb"));
    assertThat(ExecutionNames.of("a b")).isNotEqualTo(ExecutionNames.of("a_b"));
    assertThat(ExecutionNames.of("a b")).startsWith("a_b-");
  }

  @Test
  void shouldCutALongValueAndHashTheWholeOfIt() {
    String common = "incoming/" + "x".repeat(100);

    String one = ExecutionNames.of(common + "/one.csv");
    String two = ExecutionNames.of(common + "/two.csv");

    assertThat(one).hasSize(80).matches(STEP_FUNCTIONS_NAME).startsWith("incoming_xxx");
    assertThat(two).hasSize(80).isNotEqualTo(one);
    assertThat(one.substring(0, 63)).isEqualTo(two.substring(0, 63));
    assertThat(ExecutionNames.of("y".repeat(81))).hasSize(80).startsWith("y".repeat(63) + "-");
  }

  @Test
  void shouldCollapseRunsOfForbiddenCharactersAndDropControlsAndWhiteSpace() {
    String name = ExecutionNames.of("a :: b\u0007\u00a0c{d}[e]*?~`$&,;%#^|\\\"");

    assertThat(name).matches("a_b_c_d_e_-[0-9a-f]{16}");
  }

  @Test
  void shouldNameAValueWithNothingReadableByItsHashAlone() {
    assertThat(ExecutionNames.of("")).matches("[0-9a-f]{16}");
    assertThat(ExecutionNames.of("")).isNotEqualTo(ExecutionNames.of("  "));
  }

  @Test
  void shouldNotSplitACharacterOutsideTheBasicPlaneWhenCutting() {
    String name = ExecutionNames.of("\uD83D\uDE00".repeat(50));

    assertThat(name.length()).isLessThanOrEqualTo(80);
    assertThat(name).matches("(\uD83D\uDE00)+-[0-9a-f]{16}");
  }

  @Test
  void shouldTellValidNames() {
    assertThat(ExecutionNames.isValid("etl-2026")).isTrue();
    assertThat(ExecutionNames.isValid("")).isFalse();
    assertThat(ExecutionNames.isValid("a b")).isFalse();
    assertThat(ExecutionNames.isValid("a/b")).isFalse();
    assertThat(ExecutionNames.isValid("x".repeat(81))).isFalse();
  }

  @Test
  void shouldNameByContentWhateverTheOrderOfTheFields() {
    String one = ExecutionNames.byContent("landing-csv", event("{'a': 1, 'b': {'c': 2, 'd': 3}}"));
    String two = ExecutionNames.byContent("landing-csv", event("{'b': {'d': 3, 'c': 2}, 'a': 1}"));

    assertThat(one).isEqualTo(two).matches("landing-csv-[0-9a-f]{16}");
  }

  @Test
  void shouldNameByContentDifferentlyForOtherContentOrAnotherRule() {
    String name = ExecutionNames.byContent("landing-csv", event("{'a': 1}"));

    assertThat(ExecutionNames.byContent("landing-csv", event("{'a': 2}"))).isNotEqualTo(name);
    assertThat(ExecutionNames.byContent("landing-csv", event("{'a': [1]}"))).isNotEqualTo(name);
    assertThat(ExecutionNames.byContent("other", event("{'a': 1}"))).isNotEqualTo(name);
  }

  @Test
  void shouldKeepAByContentNameShortWhenTheRuleNameIsLong() {
    String name = ExecutionNames.byContent("r".repeat(64), event("{'a': 1}"));

    assertThat(name).hasSize(80).matches(STEP_FUNCTIONS_NAME);
  }
}
