package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

  private static final byte[] KEY =
      "a key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private static SessionTokens tokensAt(Instant now, byte[] key) {
    return new SessionTokens(key, Duration.ofHours(12), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void shouldGiveBackTheSessionWhenTheTokenIsItsOwnAndCurrent() {
    // given
    SessionTokens tokens = tokensAt(NOW, KEY);
    SessionTokens.Issued issued = tokens.issue("alice");

    // when
    var verified = tokensAt(NOW.plus(Duration.ofHours(11)), KEY).verify(issued.token());

    // then
    assertThat(issued.session()).isEqualTo(new Session("alice", NOW.plus(Duration.ofHours(12))));
    assertThat(verified).contains(issued.session());
  }

  @Test
  void shouldRefuseTheTokenWhenItExpired() {
    // given
    String token = tokensAt(NOW, KEY).issue("alice").token();

    // when
    var verified = tokensAt(NOW.plus(Duration.ofHours(12)), KEY).verify(token);

    // then
    assertThat(verified).isEmpty();
  }

  @Test
  void shouldRefuseTheTokenWhenAnotherKeySignedIt() {
    // given
    byte[] otherKey = "another key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8);
    String token = tokensAt(NOW, otherKey).issue("alice").token();

    // when
    var verified = tokensAt(NOW, KEY).verify(token);

    // then
    assertThat(verified).isEmpty();
  }

  @Test
  void shouldRefuseTheTokenWhenItsUserOrExpiryWasChanged() {
    // given
    String[] parts = tokensAt(NOW, KEY).issue("alice").token().split("\\.");
    String otherUser = Base64.getUrlEncoder().withoutPadding().encodeToString("admin".getBytes());
    String later = String.valueOf(NOW.plus(Duration.ofDays(365)).getEpochSecond());

    // when
    var asAdmin =
        tokensAt(NOW, KEY).verify(String.join(".", parts[0], otherUser, parts[2], parts[3]));
    var extended = tokensAt(NOW, KEY).verify(String.join(".", parts[0], parts[1], later, parts[3]));

    // then
    assertThat(asAdmin).isEmpty();
    assertThat(extended).isEmpty();
  }

  @Test
  void shouldRefuseTheTokenWhenItIsMalformed() {
    // given
    SessionTokens tokens = tokensAt(NOW, KEY);

    // when / then
    assertThat(tokens.verify("")).isEmpty();
    assertThat(tokens.verify("v1.a.b")).isEmpty();
    assertThat(tokens.verify("v2.a.b.c")).isEmpty();
    assertThat(tokens.verify("x".repeat(10_000))).isEmpty();
  }
}
