package io.pipeline.orchestrator.machines;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.orchestrator.machines.StateMachineArn.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateMachineArnTest {

  private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:orders";

  @Test
  void shouldReadAnUnqualifiedArnAsTheStateMachine() {
    StateMachineArn arn = StateMachineArn.parse(MACHINE).orElseThrow();

    assertThat(arn.kind()).isEqualTo(Kind.MACHINE);
    assertThat(arn.machine()).isEqualTo(MACHINE);
    assertThat(arn.arn()).isEqualTo(MACHINE);
  }

  @Test
  void shouldReadADigitsQualifierAsAVersion() {
    StateMachineArn arn = StateMachineArn.parse(MACHINE + ":12").orElseThrow();

    assertThat(arn.kind()).isEqualTo(Kind.VERSION);
    assertThat(arn.machine()).isEqualTo(MACHINE);
    assertThat(arn.qualifier()).isEqualTo("12");
    assertThat(arn.arn()).isEqualTo(StateMachineArn.version(MACHINE, 12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PROD", "v2", "1a", "blue-green", "release_1.2", "a"})
  void shouldReadAQualifierWithANonDigitAsAnAlias(String name) {
    StateMachineArn arn = StateMachineArn.parse(MACHINE + ":" + name).orElseThrow();

    assertThat(arn.kind()).isEqualTo(Kind.ALIAS);
    assertThat(arn.qualifier()).isEqualTo(name);
    assertThat(arn.arn()).isEqualTo(StateMachineArn.alias(MACHINE, name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-an-arn",
        "arn:aws:states:us-east-1:000000000000:execution:orders:run",
        "arn:aws:states:us-east-1:0000:stateMachine:orders",
        "arn:aws:states:us-east-1:000000000000:stateMachine:orders:",
        "arn:aws:states:us-east-1:000000000000:stateMachine:orders:has space",
        "arn:aws:states:us-east-1:000000000000:stateMachine:orders:1:2",
        "arn:aws:states:us-east-1:000000000000:stateMachine:orders:12345678901234567890"
      })
  void shouldRefuseWhatIsNotTheArnOfAStateMachineVersionOrAlias(String text) {
    assertThat(StateMachineArn.parse(text)).isEmpty();
  }

  @Test
  void shouldTakeAliasNamesOfUpTo80CharactersThatAreNotOnlyDigits() {
    assertThat(StateMachineArn.isAliasName("a".repeat(80))).isTrue();
    assertThat(StateMachineArn.isAliasName("a".repeat(81))).isFalse();
    assertThat(StateMachineArn.isAliasName("2024")).isFalse();
    assertThat(StateMachineArn.isAliasName("")).isFalse();
    assertThat(StateMachineArn.isAliasName("prod/eu")).isFalse();
  }
}
