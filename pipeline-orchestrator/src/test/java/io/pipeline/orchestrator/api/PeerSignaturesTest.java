package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerSignaturesTest {

  private static final byte[] KEY =
      "a key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final byte[] BODY =
      "{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:m:e\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final PeerSignatures signer = at(NOW, KEY);

  @Test
  void shouldAcceptWhatItSignedAndGiveThePartition() {
    Map<String, String> headers = signer.sign("DescribeExecution", 4, BODY);

    assertThat(verify(at(NOW.plusSeconds(30), KEY), headers, "DescribeExecution", BODY))
        .isEqualTo(4);
  }

  @Test
  void shouldRefuseATamperedBodyActionOrPartition() {
    Map<String, String> headers = signer.sign("DescribeExecution", 4, BODY);
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace(":e\"", ":f\"").getBytes();

    assertDenied(() -> verify(signer, headers, "DescribeExecution", tampered), "does not match");
    assertDenied(() -> verify(signer, headers, "GetExecutionHistory", BODY), "does not match");
    Map<String, String> otherPartition = new java.util.HashMap<>(headers);
    otherPartition.put(PeerSignatures.PARTITION, "5");
    assertDenied(() -> verify(signer, otherPartition, "DescribeExecution", BODY), "does not match");
  }

  @Test
  void shouldRefuseAnotherKey() {
    Map<String, String> headers =
        at(NOW, "another key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8))
            .sign("DescribeExecution", 4, BODY);

    assertDenied(() -> verify(signer, headers, "DescribeExecution", BODY), "does not match");
  }

  @Test
  void shouldRefuseARequestDatedOutsideTheSkew() {
    Map<String, String> headers = signer.sign("DescribeExecution", 4, BODY);
    PeerSignatures later = at(NOW.plus(PeerSignatures.SKEW).plus(Duration.ofSeconds(1)), KEY);

    assertDenied(() -> verify(later, headers, "DescribeExecution", BODY), "301 s away");
  }

  @Test
  void shouldRefuseAnUnsignedOrMalformedRequest() {
    assertDenied(() -> signer.verify("DescribeExecution", null, null, null, BODY), "not signed");
    assertDenied(() -> signer.verify("DescribeExecution", "four", "now", "x", BODY), "malformed");
  }

  private static int verify(
      PeerSignatures verifier, Map<String, String> headers, String action, byte[] body) {
    return verifier.verify(
        action,
        headers.get(PeerSignatures.PARTITION),
        headers.get(PeerSignatures.DATE),
        headers.get(PeerSignatures.SIGNATURE),
        body);
  }

  private static void assertDenied(Runnable call, String why) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo("AccessDeniedException");
              assertThat(e.status()).isEqualTo(403);
            })
        .hasMessageContaining(why);
  }

  private static PeerSignatures at(Instant now, byte[] key) {
    return new PeerSignatures(key, Clock.fixed(now, ZoneOffset.UTC));
  }
}
