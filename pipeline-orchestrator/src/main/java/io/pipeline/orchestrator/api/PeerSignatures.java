package io.pipeline.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the requests instances send each other's internal endpoint: an HMAC-SHA256, with
 * the key all instances share, over the action, the partition, the time and a digest of the body. A
 * request is accepted within {@link #SKEW} of its time, so a recorded one cannot be replayed later;
 * the comparison takes the same time whatever the signature.
 */
final class PeerSignatures {

  static final String DATE = "X-Pipeline-Peer-Date";
  static final String PARTITION = "X-Pipeline-Peer-Partition";
  static final String SIGNATURE = "X-Pipeline-Peer-Signature";

  /** How far a request's time may be from the receiver's clock. */
  static final Duration SKEW = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;

  PeerSignatures(byte[] key, Clock clock) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.clock = clock;
  }

  /** The headers that sign a request. */
  Map<String, String> sign(String action, int partition, byte[] body) {
    String date = Long.toString(clock.instant().getEpochSecond());
    return Map.of(
        DATE,
        date,
        PARTITION,
        Integer.toString(partition),
        SIGNATURE,
        signature(action, Integer.toString(partition), date, body));
  }

  /**
   * Checks a request's signature headers.
   *
   * @return the partition the request is for
   * @throws ApiException (403) when a header is missing, the time is off, or the signature is wrong
   */
  int verify(String action, String partition, String date, String signature, byte[] body) {
    if (partition == null || date == null || signature == null) {
      throw denied("the request is not signed");
    }
    long seconds;
    int parsedPartition;
    try {
      seconds = Long.parseLong(date);
      parsedPartition = Integer.parseInt(partition);
    } catch (NumberFormatException e) {
      throw denied("the signature headers are malformed");
    }
    Duration offset = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (offset.compareTo(SKEW) > 0) {
      throw denied("the request is dated " + offset.toSeconds() + " s away from this clock");
    }
    byte[] expected = signature(action, partition, date, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      throw denied("the signature does not match (is ORCHESTRATOR_PEER_KEY the same everywhere?)");
    }
    return parsedPartition;
  }

  private String signature(String action, String partition, String date, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      String signed =
          String.join(
              "\n",
              "pipeline-peer-v1",
              action,
              partition,
              date,
              Base64.getEncoder()
                  .encodeToString(MessageDigest.getInstance("SHA-256").digest(body)));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static ApiException denied(String why) {
    return new ApiException(
        "AccessDeniedException", "Internal endpoint: " + why + "; the request is refused", 403);
  }
}
