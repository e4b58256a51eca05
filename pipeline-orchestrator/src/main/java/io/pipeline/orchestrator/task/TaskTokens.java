package io.pipeline.orchestrator.task;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns the engine's task tokens ({@code <executionArn>/task-<n>}) into the tokens workers and
 * callers see, and back: the engine's token, the id of the key that signed it, and an HMAC-SHA256
 * of both, in URL-safe Base64 ({@code v1.<key id>.<engine token>.<signature>}). A token cannot be
 * guessed or altered without the key, and it names its execution, so a result is routed to the
 * execution's partition without a lookup.
 *
 * <p>Keys rotate: the first key signs, every key verifies, so tokens handed out before a rotation
 * stay valid while they are still in flight. Thread-safe.
 */
public final class TaskTokens {

  /** Step Functions accepts task tokens of at most 1,024 characters. */
  public static final int MAX_LENGTH = 1024;

  /** Keys shorter than this are refused: HMAC-SHA256 wants a key as long as its output. */
  public static final int MIN_KEY_BYTES = 32;

  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final String signingKeyId;
  private final Map<String, SecretKeySpec> keys;

  /**
   * @param keys key id to secret, the first one signing; ids are letters, digits, {@code -} and
   *     {@code _}
   * @throws IllegalArgumentException when there is no key, an id is not of that form, or a secret
   *     is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  public TaskTokens(Map<String, byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("task tokens need at least one signing key");
    }
    Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
    keys.forEach(
        (id, secret) -> {
          if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException(
                "task token key id '" + id + "' must be 1 to 32 letters, digits, '-' or '_'");
          }
          if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                "task token key '"
                    + id
                    + "' has "
                    + secret.length
                    + " bytes; it needs at least "
                    + MIN_KEY_BYTES);
          }
          specs.put(id, new SecretKeySpec(secret.clone(), ALGORITHM));
        });
    this.keys = Map.copyOf(specs);
    this.signingKeyId = specs.keySet().iterator().next();
  }

  /**
   * The token to hand out for the engine's token.
   *
   * @throws IllegalArgumentException when the result would be longer than {@value #MAX_LENGTH}
   */
  public String sign(String engineToken) {
    Objects.requireNonNull(engineToken, "engineToken");
    String body = VERSION + "." + signingKeyId + "." + encode(engineToken);
    String token = body + "." + ENCODER.encodeToString(mac(keys.get(signingKeyId), body));
    if (token.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the task token of '"
              + engineToken
              + "' would have "
              + token.length()
              + " characters; Step Functions allows "
              + MAX_LENGTH);
    }
    return token;
  }

  /**
   * The engine's token inside a token this class signed.
   *
   * @throws InvalidTaskTokenException saying what is wrong, for a token that is malformed, signed
   *     by an unknown key, or altered
   */
  public String verify(String token) {
    if (token == null || token.isEmpty()) {
      throw new InvalidTaskTokenException("the task token is empty");
    }
    if (token.length() > MAX_LENGTH) {
      throw new InvalidTaskTokenException(
          "the task token has " + token.length() + " characters, more than " + MAX_LENGTH);
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw new InvalidTaskTokenException("the task token is not one this service issued");
    }
    SecretKeySpec key = keys.get(parts[1]);
    if (key == null) {
      throw new InvalidTaskTokenException(
          "the task token was signed with key '"
              + parts[1]
              + "', which this service does not have");
    }
    byte[] signature;
    try {
      signature = DECODER.decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new InvalidTaskTokenException("the task token's signature is not Base64");
    }
    String body = parts[0] + "." + parts[1] + "." + parts[2];
    if (!MessageDigest.isEqual(mac(key, body), signature)) {
      throw new InvalidTaskTokenException("the task token's signature does not match");
    }
    return decode(parts[2]);
  }

  private static String encode(String text) {
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String part) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(DECODER.decode(part)))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      // Only reachable with a valid signature, i.e. a token signed by a broken issuer.
      throw new InvalidTaskTokenException("the task token's content cannot be read");
    }
  }

  private static byte[] mac(SecretKeySpec key, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }
}
