package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ConsoleUsersTest {

  @Test
  void shouldSignInEachUserWithTheirOwnPasswordWhenSeveralAreConfigured() {
    // given
    String hash = Password.hash("bob's password", new SecureRandom());
    ConsoleUsers users = ConsoleUsers.parse("alice:alice-pw, bob:" + hash);

    // when / then
    assertThat(users.signIn("alice", "alice-pw")).contains("alice");
    assertThat(users.signIn("bob", "bob's password")).contains("bob");
    assertThat(users.signIn("alice", "bob's password")).isEmpty();
    assertThat(users.signIn("carol", "alice-pw")).isEmpty();
  }

  @Test
  void shouldTellWhetherTheLocalUserIsAmongThemWhenParsed() {
    // when / then
    assertThat(ConsoleUsers.parse(ConsoleUsers.LOCAL).includesLocalUser()).isTrue();
    assertThat(ConsoleUsers.parse("pipeline:another").includesLocalUser()).isFalse();
    assertThat(ConsoleUsers.parse("alice:pipeline-secret").includesLocalUser()).isFalse();
  }

  @Test
  void shouldNameTheWrongEntryWithoutQuotingItWhenAnEntryIsMalformed() {
    // when / then
    assertThatThrownBy(() -> ConsoleUsers.parse("alice:pw,bob-without-password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entry 2 is not NAME:PASSWORD (a non-empty name and password)");
    assertThatThrownBy(() -> ConsoleUsers.parse("al ice:pw"))
        .hasMessage("the name of entry 1 must be 1 to 64 letters, digits and _.@- characters");
    assertThatThrownBy(() -> ConsoleUsers.parse("alice:pw,alice:other"))
        .hasMessage("user 'alice' is listed twice");
    assertThatThrownBy(() -> ConsoleUsers.parse("alice:pbkdf2-sha256:secret-looking"))
        .hasMessageStartingWith("entry 1: a PBKDF2 hash must read")
        .hasMessageNotContaining("secret-looking");
  }

  @Test
  void shouldListNamesOnlyWhenPrinted() {
    // given
    ConsoleUsers users = ConsoleUsers.parse("alice:hunter2,bob:swordfish");

    // when / then
    assertThat(users).hasToString("ConsoleUsers[alice, bob]");
  }
}
