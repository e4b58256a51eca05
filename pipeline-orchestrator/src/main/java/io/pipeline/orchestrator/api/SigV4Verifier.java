package io.pipeline.orchestrator.api;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Checks the SigV4 signature of a request to the Step Functions API, and refuses it as AWS does: no
 * {@code Authorization} header is {@code MissingAuthenticationTokenException}, a malformed one
 * {@code IncompleteSignatureException}, an access key id that is not configured {@code
 * UnrecognizedClientException}, and a scope other than this instance's region and {@code states}, a
 * date more than five minutes from this clock, or a signature that does not match (another secret,
 * a changed body or header) {@code InvalidSignatureException}; all with status 400.
 *
 * <p>The signature the request should carry is computed by the AWS SDK's own signer from the
 * request's method, path, query, the headers it names as signed, its body and its {@code
 * X-Amz-Date}, with the secret configured for its access key id, and compared in constant time.
 */
public final class SigV4Verifier {

  static final String SERVICE = "states";
  static final String TERMINATOR = "aws4_request";

  /** How far a request's date may be from this clock, as AWS allows. */
  static final Duration SKEW = Duration.ofMinutes(5);

  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final ApiCredentials credentials;
  private final String region;
  private final Clock clock;

  /**
   * What a received request consists of, as it came.
   *
   * @param method the HTTP method
   * @param path the path, percent-encoded as received
   * @param query the query string, percent-encoded as received, if any
   * @param headers every header's values, by name in any case
   * @param body the body's bytes
   */
  record Received(
      String method,
      String path,
      Optional<String> query,
      Map<String, List<String>> headers,
      byte[] body) {

    Received {
      Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
      headers = byName;
    }

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name)).flatMap(v -> v.stream().findFirst());
    }
  }

  /**
   * @param credentials the access keys requests may be signed with
   * @param region this instance's region, the only one a credential scope may name
   * @param clock the time requests' dates are compared with
   */
  public SigV4Verifier(ApiCredentials credentials, String region, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.clock = clock;
  }

  /**
   * Checks a request's signature.
   *
   * @return the access key id that signed it
   * @throws ApiException (400) as AWS refuses the request, when it is not signed right
   */
  String verify(Received request) {
    String header =
        request
            .header("Authorization")
            .orElseThrow(
                () ->
                    new ApiException(
                        "MissingAuthenticationTokenException", "Missing Authentication Token"));
    SigV4Authorization authorization = SigV4Authorization.parse(header);
    String amzDate =
        request
            .header("X-Amz-Date")
            .orElseThrow(
                () ->
                    SigV4Authorization.incomplete(
                        "Authorization header requires existence of an 'X-Amz-Date' header."
                            + " Authorization="
                            + header));
    Instant date = parseDate(amzDate);
    checkScope(authorization, amzDate);
    checkDate(date, amzDate);
    String secret =
        credentials
            .secretOf(authorization.accessKeyId())
            .orElseThrow(
                () ->
                    new ApiException(
                        "UnrecognizedClientException",
                        "The security token included in the request is invalid."));
    String expected = expectedSignature(request, authorization, secret, date);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw invalid(
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method. Consult the service"
              + " documentation for details.");
    }
    return authorization.accessKeyId();
  }

  private static Instant parseDate(String amzDate) {
    try {
      return Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw SigV4Authorization.incomplete(
          "Date must be in ISO-8601 'basic format' (yyyyMMdd'T'HHmmss'Z'). Got '"
              + amzDate
              + "' in X-Amz-Date.");
    }
  }

  private void checkScope(SigV4Authorization authorization, String amzDate) {
    if (!authorization.scopeDate().equals(amzDate.substring(0, 8))) {
      throw invalid(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + authorization.scopeDate()
              + "' != '"
              + amzDate.substring(0, 8)
              + "', from '"
              + amzDate
              + "'.");
    }
    if (!authorization.region().equals(region)) {
      throw invalid(
          "Credential should be scoped to a valid region, not '" + authorization.region() + "'.");
    }
    if (!authorization.service().equals(SERVICE)) {
      throw invalid("Credential should be scoped to correct service: '" + SERVICE + "'.");
    }
    if (!authorization.terminator().equals(TERMINATOR)) {
      throw invalid(
          "Credential should be scoped with a valid terminator: '"
              + TERMINATOR
              + "', not '"
              + authorization.terminator()
              + "'.");
    }
  }

  private void checkDate(Instant date, String amzDate) {
    Instant now = clock.instant();
    if (date.isBefore(now.minus(SKEW))) {
      throw invalid(
          "Signature expired: "
              + amzDate
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(SKEW))
              + " ("
              + AMZ_DATE.format(now)
              + " - 5 min.)");
    }
    if (date.isAfter(now.plus(SKEW))) {
      throw invalid(
          "Signature not yet current: "
              + amzDate
              + " is still later than "
              + AMZ_DATE.format(now.plus(SKEW))
              + " ("
              + AMZ_DATE.format(now)
              + " + 5 min.)");
    }
  }

  /**
   * Signs the request again with the SDK's {@link Aws4Signer}: it signs exactly the headers it is
   * given (plus Host and X-Amz-Date, which every SigV4 request signs), so it reproduces the
   * signature of every client. The SDK's newer {@code AwsV4HttpSigner} always adds and signs an
   * {@code x-amz-content-sha256} header, which only some clients sign (the Java SDK does, the AWS
   * CLI does not).
   */
  @SuppressWarnings("deprecation")
  private String expectedSignature(
      Received request, SigV4Authorization authorization, String secret, Instant date) {
    HostAndPort host =
        HostAndPort.parse(
            request
                .header("Host")
                .filter(h -> !h.isBlank())
                .orElseThrow(
                    () -> SigV4Authorization.incomplete("The request has no Host header.")));
    SdkHttpFullRequest.Builder signed =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method()))
            // The signer writes the Host header from these, leaving out the scheme's standard
            // port: port 80 is kept only with https.
            .protocol(host.port().filter(p -> p == 80).isPresent() ? "https" : "http")
            .host(host.name())
            .port(host.port().orElse(-1))
            .encodedPath(request.path())
            .contentStreamProvider(() -> new ByteArrayInputStream(request.body()));
    request.query().ifPresent(query -> addQuery(signed, query));
    for (String name : authorization.signedHeaders()) {
      List<String> values = request.headers().get(name);
      if (values != null) {
        signed.putHeader(name, values);
      }
    }
    String computed =
        Aws4Signer.create()
            .sign(
                signed.build(),
                Aws4SignerParams.builder()
                    .awsCredentials(AwsBasicCredentials.create(authorization.accessKeyId(), secret))
                    .signingName(SERVICE)
                    .signingRegion(Region.of(region))
                    .signingClockOverride(Clock.fixed(date, ZoneOffset.UTC))
                    .build())
            .firstMatchingHeader("Authorization")
            .orElseThrow();
    return computed.substring(computed.indexOf("Signature=") + "Signature=".length());
  }

  /** Adds the parameters of a query string, decoded: the signer encodes them again. */
  private static void addQuery(SdkHttpFullRequest.Builder request, String query) {
    for (String parameter : query.split("&")) {
      if (parameter.isEmpty()) {
        continue;
      }
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      String value = equals < 0 ? "" : parameter.substring(equals + 1);
      try {
        request.appendRawQueryParameter(decode(name), decode(value));
      } catch (IllegalArgumentException e) {
        throw invalid("The query string is not percent-encoded: '" + query + "'.");
      }
    }
  }

  /** Percent-decoding only: in SigV4 a {@code +} is a plus sign, not a space. */
  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static ApiException invalid(String message) {
    return new ApiException("InvalidSignatureException", message);
  }

  /** A Host header's name and port. */
  private record HostAndPort(String name, Optional<Integer> port) {

    static HostAndPort parse(String host) {
      int colon = host.lastIndexOf(':');
      if (colon > host.lastIndexOf(']') && host.substring(colon + 1).matches("\\d{1,5}")) {
        return new HostAndPort(
            host.substring(0, colon), Optional.of(Integer.parseInt(host.substring(colon + 1))));
      }
      return new HostAndPort(host, Optional.empty());
    }
  }
}
