package io.pipeline.orchestrator.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless session tokens: {@code v1.<user, Base64url>.<expiry, epoch seconds>.<HMAC-SHA256 of
 * what precedes, Base64url>}. Any instance holding the same key accepts a token another issued, and
 * no instance keeps sessions. A token cannot be withdrawn before it expires: signing out removes it
 * from the browser, and changing the key ends every session.
 */
final class SessionTokens {

  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";

  /** Longer tokens are not looked at: names are short. */
  private static final int MAX_TOKEN_LENGTH = 512;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Duration lifetime;
  private final Clock clock;

  /**
   * @param key the HMAC key, 32 bytes or more
   * @param lifetime how long a session lasts
   * @param clock what "now" is
   */
  SessionTokens(byte[] key, Duration lifetime, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a session key needs 32 bytes or more");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A new session of a user, from now for the configured lifetime, and its token. */
  Issued issue(String user) {
    Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    String payload =
        VERSION
            + "."
            + ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8))
            + "."
            + expiresAt.getEpochSecond();
    return new Issued(new Session(user, expiresAt), payload + "." + sign(payload));
  }

  /**
   * A new session and the token that carries it.
   *
   * @param session the session
   * @param token what the browser keeps
   */
  record Issued(Session session, String token) {}

  /**
   * The session a token carries, if this key signed it and it has not expired.
   *
   * @return empty for a malformed, forged, or expired token
   */
  Optional<Session> verify(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4 || !VERSION.equals(parts[0])) {
      return Optional.empty();
    }
    String payload = parts[0] + "." + parts[1] + "." + parts[2];
    byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
      String user = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
      return clock.instant().isBefore(expiresAt)
          ? Optional.of(new Session(user, expiresAt))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      // Signed with our key, so written by us: only a token of another format lands here.
      return Optional.empty();
    }
  }

  /** How long a session lasts. */
  Duration lifetime() {
    return lifetime;
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK cannot compute " + ALGORITHM, e);
    }
  }
}
