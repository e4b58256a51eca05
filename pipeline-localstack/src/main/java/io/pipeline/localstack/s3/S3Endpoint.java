package io.pipeline.localstack.s3;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where an S3 API is served and with which credentials.
 *
 * @param uri the endpoint, e.g. {@code http://localhost:9000}
 * @param region the signing region
 * @param accessKeyId the access key
 * @param secretAccessKey the secret key
 */
public record S3Endpoint(URI uri, String region, String accessKeyId, String secretAccessKey) {

  public S3Endpoint {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /**
   * An external S3 endpoint named by the environment: {@code S3_ENDPOINT}, with {@code S3_REGION}
   * (default us-east-1), {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}.
   */
  public static java.util.Optional<S3Endpoint> fromEnvironment(java.util.Map<String, String> env) {
    return java.util.Optional.ofNullable(env.get("S3_ENDPOINT"))
        .filter(v -> !v.isBlank())
        .map(
            uri ->
                new S3Endpoint(
                    URI.create(uri.trim()),
                    env.getOrDefault("S3_REGION", "us-east-1"),
                    env.getOrDefault("AWS_ACCESS_KEY_ID", ""),
                    env.getOrDefault("AWS_SECRET_ACCESS_KEY", "")));
  }

  /** An AWS SDK v2 client for this endpoint, with path-style access. */
  public S3Client newClient() {
    return S3Client.builder()
        .endpointOverride(uri)
        .region(Region.of(region))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public String toString() {
    return "S3Endpoint[" + uri + ", region " + region + ", access key " + accessKeyId + "]";
  }
}
