package io.pipeline.orchestrator.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests to the Step Functions API with SigV4 as the AWS SDK for Java signs them (its
 * {@link AwsV4HttpSigner}), for callers that send them with the JDK's HTTP client: the benchmark,
 * and tests of requests the SDK's client would not send.
 */
public final class ApiRequestSigner {

  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final AwsCredentialsIdentity credentials;
  private final String region;
  private final Clock clock;

  /**
   * @param accessKeyId the access key id to sign with
   * @param secretAccessKey its secret
   * @param region the region to scope the signature to
   * @param clock dates the requests
   */
  public ApiRequestSigner(String accessKeyId, String secretAccessKey, String region, Clock clock) {
    this.credentials = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
    this.region = region;
    this.clock = clock;
  }

  /**
   * A signed request for {@code action} with this JSON body, in Step Functions' JSON 1.0 protocol.
   */
  public HttpRequest request(URI endpoint, String action, byte[] body) {
    Map<String, String> headers = protocolHeaders(action);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    sign(endpoint, headers, body).forEach(request::header);
    return request.build();
  }

  /** The headers of Step Functions' JSON 1.0 protocol for {@code action}, which a request signs. */
  public static Map<String, String> protocolHeaders(String action) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("X-Amz-Target", TARGET_PREFIX + action);
    return headers;
  }

  /**
   * The headers that sign a {@code POST} of {@code body} to {@code endpoint} with {@code headers}:
   * {@code X-Amz-Date}, {@code x-amz-content-sha256} and {@code Authorization}. The Host header
   * signed is the endpoint's host and port, which the JDK's client sends.
   */
  public Map<String, String> sign(URI endpoint, Map<String, String> headers, byte[] body) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint);
    headers.forEach(request::putHeader);
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SigV4Verifier.SERVICE)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
            .request();
    Map<String, String> added = new LinkedHashMap<>();
    for (String name : new String[] {"X-Amz-Date", "x-amz-content-sha256", "Authorization"}) {
      signed.firstMatchingHeader(name).ifPresent(value -> added.put(name, value));
    }
    return added;
  }
}
