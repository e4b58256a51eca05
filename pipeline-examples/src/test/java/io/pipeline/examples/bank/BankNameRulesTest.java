package io.pipeline.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BankNameRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ada Lovelace",
        "Jean-Luc Picard",
        "Miles O'Brien",
        "Zoë Ngô",
        "Ōtani Shōhei",
        "Li"
      })
  void shouldAcceptLettersSpacesHyphensAndApostrophes(String name) {
    Checked<String> checked = NameRules.check(TextNode.valueOf(name));

    assertThat(checked.value()).contains(name);
  }

  @Test
  void shouldNormalizeWhiteSpaceWhenTheNameHasRunsOfIt() {
    Checked<String> checked = NameRules.check(TextNode.valueOf("  Ada \t\u00a0 Lovelace \n"));

    assertThat(checked.value()).contains("Ada Lovelace");
  }

  @Test
  void shouldAcceptATypographicApostropheWhenItIsInsideTheName() {
    assertThat(NameRules.check(TextNode.valueOf("D\u2019Artagnan")).isValid()).isTrue();
  }

  @Test
  void shouldNameEveryForbiddenCharacterWhenTheNameHasDigitsOrSymbols() {
    Checked<String> checked = NameRules.check(TextNode.valueOf("R2-D2 <3"));

    assertThat(checked.problems())
        .containsExactly(
            "the name may contain only letters, spaces, hyphens and apostrophes, not '2', '<', '3'");
  }

  @Test
  void shouldRefuseANameWhenItIsShorterThanTwoCharacters() {
    assertThat(NameRules.check(TextNode.valueOf(" A ")).problems())
        .containsExactly("the name must have 2 to 100 characters, not 1");
  }

  @Test
  void shouldAcceptOneHundredCharactersAndRefuseOneMore() {
    String hundred = "A".repeat(100);

    assertThat(NameRules.check(TextNode.valueOf(hundred)).isValid()).isTrue();
    assertThat(NameRules.check(TextNode.valueOf(hundred + "a")).problems())
        .containsExactly("the name must have 2 to 100 characters, not 101");
  }

  @Test
  void shouldRefuseANameWhenItBeginsOrEndsWithAHyphenOrApostrophe() {
    assertThat(NameRules.check(TextNode.valueOf("-Ada")).problems())
        .containsExactly("the name must begin and end with a letter");
    assertThat(NameRules.check(TextNode.valueOf("Ada'")).problems())
        .containsExactly("the name must begin and end with a letter");
  }

  @Test
  void shouldRefuseANameWhenItIsMissingOrNotText() {
    assertThat(NameRules.check(null).problems()).containsExactly("the name must be a text");
    assertThat(NameRules.check(NullNode.instance).isValid()).isFalse();
    assertThat(NameRules.check(IntNode.valueOf(42)).isValid()).isFalse();
    assertThat(NameRules.check(TextNode.valueOf("   ")).problems())
        .containsExactly("the name must have 2 to 100 characters, not 0");
  }
}
