package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordTest {

  @Test
  void shouldMatchOnlyItselfWhenConfiguredAsThePassword() {
    // given
    Password password = Password.parse("s3cret:with:colons");

    // when / then
    assertThat(password.matches("s3cret:with:colons")).isTrue();
    assertThat(password.matches("s3cret")).isFalse();
    assertThat(password.matches("")).isFalse();
  }

  @Test
  void shouldMatchThePasswordItWasMadeFromWhenConfiguredAsItsHash() {
    // given
    String hash = Password.hash("correct horse", new SecureRandom());

    // when
    Password password = Password.parse(hash);

    // then
    assertThat(hash).startsWith("pbkdf2-sha256:600000:");
    assertThat(password.matches("correct horse")).isTrue();
    assertThat(password.matches("correct horse ")).isFalse();
  }

  @Test
  void shouldMakeADifferentHashEachTimeWhenHashingTheSamePassword() {
    // given
    SecureRandom random = new SecureRandom();

    // when
    String first = Password.hash("same", random);
    String second = Password.hash("same", random);

    // then
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void shouldRefuseAHashWhenItHasTooFewIterations() {
    // given
    String weak =
        "pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA==:"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    // when / then
    assertThatThrownBy(() -> Password.parse(weak))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PBKDF2 hash needs at least 100000 iterations, not 1000");
  }

  @Test
  void shouldRefuseAHashWhenItsPartsAreMissingOrNotBase64() {
    // when / then
    assertThatThrownBy(() -> Password.parse("pbkdf2-sha256:600000:abc"))
        .hasMessage("a PBKDF2 hash must read pbkdf2-sha256:<iterations>:<salt>:<hash>");
    assertThatThrownBy(() -> Password.parse("pbkdf2-sha256:600000:not base64!:x"))
        .hasMessage("a PBKDF2 hash's salt and hash must be Base64");
    assertThatThrownBy(() -> Password.parse("pbkdf2-sha256:600000:AAAA:AAAA"))
        .hasMessage(
            "a PBKDF2 hash needs a salt of 16 bytes or more and a hash of 32 bytes or more");
  }

  @Test
  void shouldShowNoPasswordWhenPrinted() {
    // given
    Password plain = Password.parse("hunter2");
    Password hashed = Password.parse(Password.hash("hunter2", new SecureRandom()));

    // when / then
    assertThat(plain).hasToString("Password[plain]");
    assertThat(hashed).hasToString("Password[pbkdf2-sha256, 600000 iterations]");
  }
}
