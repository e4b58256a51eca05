package io.pipeline.orchestrator.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A console user's password as configured: a PBKDF2 hash ({@code
 * pbkdf2-sha256:<iterations>:<salt>:<hash>}, Base64), or the password itself, for local setups.
 * Either is compared in constant time. Neither {@link #toString} nor an error shows a password.
 */
public sealed interface Password {

  /** The prefix of the hashed form. */
  String PBKDF2_PREFIX = "pbkdf2-sha256:";

  /** The iterations {@link #hash} uses: OWASP's 2023 advice for PBKDF2-HMAC-SHA256. */
  int DEFAULT_ITERATIONS = 600_000;

  /** Fewer iterations than this are refused: they would make a stolen hash cheap to guess. */
  int MIN_ITERATIONS = 100_000;

  /** Whether {@code candidate} is this password. */
  boolean matches(String candidate);

  /**
   * Reads a configured password: the hashed form when it starts with {@link #PBKDF2_PREFIX}, else
   * the password itself.
   *
   * @throws IllegalArgumentException when the hashed form is malformed, without quoting it
   */
  static Password parse(String text) {
    if (!text.startsWith(PBKDF2_PREFIX)) {
      return new Plain(sha256(text));
    }
    String[] parts = text.substring(PBKDF2_PREFIX.length()).split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a PBKDF2 hash must read " + PBKDF2_PREFIX + "<iterations>:<salt>:<hash>");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a PBKDF2 hash's iterations must be a whole number");
    }
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "a PBKDF2 hash needs at least " + MIN_ITERATIONS + " iterations, not " + iterations);
    }
    byte[] salt = base64(parts[1]);
    byte[] hash = base64(parts[2]);
    if (salt.length < 16 || hash.length < 32) {
      throw new IllegalArgumentException(
          "a PBKDF2 hash needs a salt of 16 bytes or more and a hash of 32 bytes or more");
    }
    return new Pbkdf2(iterations, salt, hash);
  }

  /**
   * The hashed form of a password, with a new random salt and {@link #DEFAULT_ITERATIONS}: what an
   * operator puts in the setting instead of the password.
   */
  static String hash(String password, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] hash = Pbkdf2.derive(password, salt, DEFAULT_ITERATIONS, 32);
    Base64.Encoder base64 = Base64.getEncoder();
    return PBKDF2_PREFIX
        + DEFAULT_ITERATIONS
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(hash);
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a PBKDF2 hash's salt and hash must be Base64");
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JDK has no SHA-256", e);
    }
  }

  /**
   * A password configured as itself. It is kept as its SHA-256 digest, so that comparing takes the
   * same time whatever the lengths; nothing stolen from the setting is protected by hashing it.
   */
  final class Plain implements Password {
    private final byte[] digest;

    private Plain(byte[] digest) {
      this.digest = digest;
    }

    @Override
    public boolean matches(String candidate) {
      return MessageDigest.isEqual(digest, sha256(candidate));
    }

    @Override
    public String toString() {
      return "Password[plain]";
    }
  }

  /** A password configured as its PBKDF2-HMAC-SHA256 hash. */
  final class Pbkdf2 implements Password {
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private Pbkdf2(int iterations, byte[] salt, byte[] hash) {
      this.iterations = iterations;
      this.salt = salt.clone();
      this.hash = hash.clone();
    }

    @Override
    public boolean matches(String candidate) {
      return MessageDigest.isEqual(hash, derive(candidate, salt, iterations, hash.length));
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int length) {
      char[] chars = password.toCharArray();
      PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("This JDK has no PBKDF2WithHmacSHA256", e);
      } finally {
        spec.clearPassword();
        Arrays.fill(chars, '\0');
      }
    }

    @Override
    public String toString() {
      return "Password[pbkdf2-sha256, " + iterations + " iterations]";
    }
  }
}
