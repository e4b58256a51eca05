package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code States.Hash(data, algorithm)}: the lowercase hex digest of the data's UTF-8 bytes. A
 * non-string value is hashed in its Java text, as AWS does.
 */
final class HashFunction {

  /** The algorithm names AWS accepts, exactly as written. */
  static final Set<String> ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  /** The longest data accepted, in characters. */
  static final int MAX_INPUT_LENGTH = 10_000;

  private HashFunction() {}

  static JsonNode hash(FunctionArguments args) {
    args.requireCount(2);
    JsonNode data = args.get(0);
    String text = data.isTextual() ? data.textValue() : JavaText.of(data);
    String algorithm = args.string(1);
    if (text.length() > MAX_INPUT_LENGTH || !ALGORITHMS.contains(algorithm)) {
      throw args.invalid();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
      return TextNode.valueOf(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks the required algorithm " + algorithm, e);
    }
  }
}
