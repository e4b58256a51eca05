package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests signed by the AWS SDK's signer ({@link ApiRequestSigner}) and by the AWS CLI's, checked
 * by {@link SigV4Verifier}, and each way of getting a signature wrong refused as AWS refuses it.
 */
class SigV4VerifierTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final URI ENDPOINT = URI.create("http://localhost:8083");
  private static final String ACTION = "ListStateMachines";
  private static final byte[] BODY = "{\"maxResults\": 2}".getBytes(StandardCharsets.UTF_8);
  private static final String OTHER_KEY = "AKIDEXAMPLE";
  private static final String OTHER_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private final SigV4Verifier verifier =
      new SigV4Verifier(
          ApiCredentials.parse(ApiCredentials.LOCAL + "," + OTHER_KEY + ":" + OTHER_SECRET),
          "us-east-1",
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void shouldAcceptARequestSignedByTheSdkSignerAndNameItsKey() {
    assertThat(verifier.verify(signed(sdkSigner(NOW), BODY))).isEqualTo("pipeline");
  }

  @Test
  void shouldAcceptEachConfiguredKey() {
    ApiRequestSigner other = new ApiRequestSigner(OTHER_KEY, OTHER_SECRET, "us-east-1", at(NOW));

    assertThat(verifier.verify(signed(other, BODY))).isEqualTo(OTHER_KEY);
  }

  /**
   * Signed by botocore 1.43.11 (the AWS CLI's library; {@code SigV4Auth} with its clock set to
   * 2026-11-26T10:00:00Z): it signs no {@code x-amz-content-sha256} header, unlike the Java SDK.
   */
  @Test
  void shouldAcceptARequestSignedByTheAwsCli() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("Content-Type", List.of("application/x-amz-json-1.0"));
    headers.put("X-Amz-Target", List.of("AWSStepFunctions.ListStateMachines"));
    headers.put("Host", List.of("localhost:8083"));
    headers.put("Content-Length", List.of("17"));
    headers.put("User-Agent", List.of("aws-cli/1.45.11 botocore/1.43.11"));
    headers.put("X-Amz-Date", List.of("20261126T100000Z"));
    headers.put(
        "Authorization",
        List.of(
            "AWS4-HMAC-SHA256 Credential=pipeline/20261126/us-east-1/states/aws4_request,"
                + " SignedHeaders=content-type;host;x-amz-date;x-amz-target,"
                + " Signature=b1d288f51bda94286e8cf84ce2bfd83d3399d308f88e02f6bc7607c1b4b20c26"));

    assertThat(verifier.verify(new SigV4Verifier.Received("POST", "/", none(), headers, BODY)))
        .isEqualTo("pipeline");
  }

  /** The SDKs sign StartSyncExecution for {@code sync-<host>} unless the prefix is turned off. */
  @Test
  void shouldAcceptTheHostTheRequestWasSignedAndSentFor() {
    URI prefixed = URI.create("http://sync-localhost:8083");
    URI standardPort = URI.create("http://orchestrator.example.com");

    assertThat(verifier.verify(signed(sdkSigner(NOW), prefixed, BODY, BODY))).isEqualTo("pipeline");
    assertThat(verifier.verify(signed(sdkSigner(NOW), standardPort, BODY, BODY)))
        .isEqualTo("pipeline");
  }

  @Test
  void shouldRefuseAnotherHostThanTheSignedOne() {
    SigV4Verifier.Received request =
        with(signed(sdkSigner(NOW), BODY), "Host", host -> "sync-" + host);

    assertRefused(request, "InvalidSignatureException", "does not match the signature");
  }

  @Test
  void shouldAcceptADateUpToFiveMinutesFromTheClock() {
    Duration skew = SigV4Verifier.SKEW;

    assertThat(verifier.verify(signed(sdkSigner(NOW.minus(skew)), BODY))).isEqualTo("pipeline");
    assertThat(verifier.verify(signed(sdkSigner(NOW.plus(skew)), BODY))).isEqualTo("pipeline");
  }

  @Test
  void shouldRefuseATamperedBody() {
    byte[] tampered = "{\"maxResults\": 3}".getBytes(StandardCharsets.UTF_8);

    assertRefused(
        signed(sdkSigner(NOW), BODY, tampered),
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided.");
  }

  @Test
  void shouldRefuseATamperedSignedHeader() {
    SigV4Verifier.Received request =
        with(
            signed(sdkSigner(NOW), BODY),
            "X-Amz-Target",
            target -> "AWSStepFunctions.DeleteStateMachine");

    assertRefused(request, "InvalidSignatureException", "does not match the signature");
  }

  @Test
  void shouldRefuseAWrongSecret() {
    ApiRequestSigner wrong =
        new ApiRequestSigner("pipeline", "not-the-secret", "us-east-1", at(NOW));

    assertRefused(signed(wrong, BODY), "InvalidSignatureException", "does not match the signature");
  }

  @Test
  void shouldRefuseAnExpiredDateSayingBy() {
    assertRefused(
        signed(sdkSigner(NOW.minus(Duration.ofMinutes(20))), BODY),
        "InvalidSignatureException",
        "Signature expired: 20261126T094000Z is now earlier than 20261126T095500Z"
            + " (20261126T100000Z - 5 min.)");
  }

  @Test
  void shouldRefuseADateInTheFutureSayingBy() {
    assertRefused(
        signed(sdkSigner(NOW.plus(SigV4Verifier.SKEW).plusSeconds(1)), BODY),
        "InvalidSignatureException",
        "Signature not yet current: 20261126T100501Z is still later than 20261126T100500Z"
            + " (20261126T100000Z + 5 min.)");
  }

  @Test
  void shouldRefuseAnUnknownKey() {
    ApiRequestSigner unknown =
        new ApiRequestSigner("unknown", "pipeline-secret", "us-east-1", at(NOW));

    assertRefused(
        signed(unknown, BODY),
        "UnrecognizedClientException",
        "The security token included in the request is invalid.");
  }

  @Test
  void shouldRefuseAScopeWithAnotherRegion() {
    ApiRequestSigner west =
        new ApiRequestSigner("pipeline", "pipeline-secret", "us-west-2", at(NOW));

    assertRefused(
        signed(west, BODY),
        "InvalidSignatureException",
        "Credential should be scoped to a valid region, not 'us-west-2'.");
  }

  @Test
  void shouldRefuseAScopeWithAnotherService() {
    SigV4Verifier.Received request =
        with(
            signed(sdkSigner(NOW), BODY),
            "Authorization",
            header -> header.replace("/us-east-1/states/", "/us-east-1/lambda/"));

    assertRefused(
        request,
        "InvalidSignatureException",
        "Credential should be scoped to correct service: 'states'.");
  }

  @Test
  void shouldRefuseAScopeDateOtherThanTheRequestsDay() {
    SigV4Verifier.Received request =
        with(
            signed(sdkSigner(NOW), BODY),
            "Authorization",
            header -> header.replace("/20261126/", "/20261125/"));

    assertRefused(
        request,
        "InvalidSignatureException",
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
            + " '20261125' != '20261126', from '20261126T100000Z'.");
  }

  @Test
  void shouldRefuseARequestWithoutAuthorization() {
    SigV4Verifier.Received unsigned =
        new SigV4Verifier.Received(
            "POST",
            "/",
            none(),
            Map.of(
                "Host", List.of("localhost:8083"),
                "X-Amz-Target", List.of("AWSStepFunctions.ListStateMachines")),
            BODY);

    assertRefused(unsigned, "MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  static Stream<Arguments> malformed() {
    String valid =
        "AWS4-HMAC-SHA256 Credential=pipeline/20261126/us-east-1/states/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=00";
    return Stream.of(
        Arguments.of("Authorization", "Basic cGlwZWxpbmU6c2VjcmV0", "must be AWS4-HMAC-SHA256"),
        Arguments.of(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=pipeline/20261126/us-east-1/states/aws4_request",
            "Authorization header requires 'Signature' parameter. Authorization header requires"
                + " 'SignedHeaders' parameter."),
        Arguments.of(
            "Authorization",
            valid.replace("pipeline/20261126/us-east-1/states/aws4_request", "pipeline/20261126"),
            "Credential must be <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request"),
        Arguments.of(
            "Authorization",
            valid.replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date"),
            "'host' must be a 'SignedHeader'"),
        Arguments.of(
            "Authorization",
            valid.replace("SignedHeaders=host;x-amz-date", "SignedHeaders=host"),
            "'x-amz-date' must be a 'SignedHeader'"),
        Arguments.of("X-Amz-Date", "2026-11-26T10:00:00Z", "Got '2026-11-26T10:00:00Z'"),
        Arguments.of("X-Amz-Date", null, "requires existence of an 'X-Amz-Date' header"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void shouldRefuseAMalformedSignatureSayingWhat(String header, String value, String message) {
    SigV4Verifier.Received signed = signed(sdkSigner(NOW), BODY);
    Map<String, List<String>> headers = new HashMap<>(signed.headers());
    headers.remove(header);
    if (value != null) {
      headers.put(header, List.of(value));
    }

    assertRefused(
        new SigV4Verifier.Received("POST", "/", none(), headers, BODY),
        "IncompleteSignatureException",
        message);
  }

  private static ApiRequestSigner sdkSigner(Instant instant) {
    return new ApiRequestSigner(
        ApiCredentials.LOCAL_ACCESS_KEY_ID,
        ApiCredentials.LOCAL_SECRET_ACCESS_KEY,
        "us-east-1",
        at(instant));
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static SigV4Verifier.Received signed(ApiRequestSigner signer, byte[] body) {
    return signed(signer, ENDPOINT, body, body);
  }

  private static SigV4Verifier.Received signed(
      ApiRequestSigner signer, byte[] signedBody, byte[] sent) {
    return signed(signer, ENDPOINT, signedBody, sent);
  }

  /**
   * A request to {@code endpoint} as the JDK's client sends one signed for {@code signedBody},
   * carrying {@code sent}.
   */
  private static SigV4Verifier.Received signed(
      ApiRequestSigner signer, URI endpoint, byte[] signedBody, byte[] sent) {
    Map<String, String> protocol = ApiRequestSigner.protocolHeaders(ACTION);
    Map<String, List<String>> headers = new HashMap<>();
    protocol.forEach((name, value) -> headers.put(name, List.of(value)));
    signer.sign(endpoint, protocol, signedBody).forEach((n, v) -> headers.put(n, List.of(v)));
    headers.put("Host", List.of(endpoint.getAuthority()));
    headers.put("Content-Length", List.of(Integer.toString(sent.length)));
    return new SigV4Verifier.Received("POST", "/", none(), headers, sent);
  }

  private static SigV4Verifier.Received with(
      SigV4Verifier.Received request, String header, UnaryOperator<String> change) {
    Map<String, List<String>> headers = new HashMap<>(request.headers());
    headers.put(header, List.of(change.apply(request.header(header).orElseThrow())));
    return new SigV4Verifier.Received(
        request.method(), request.path(), request.query(), headers, request.body());
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  private void assertRefused(SigV4Verifier.Received request, String type, String message) {
    assertThatThrownBy(() -> verifier.verify(request))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo(type);
              assertThat(e.status()).isEqualTo(400);
            })
        .hasMessageContaining(message);
  }
}
