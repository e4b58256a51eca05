package io.pipeline.localstack.sqs;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where an SQS API is served and with which credentials.
 *
 * @param uri the endpoint, e.g. {@code http://localhost:9324}
 * @param region the signing region
 * @param accessKeyId the access key
 * @param secretAccessKey the secret key
 */
public record SqsEndpoint(URI uri, String region, String accessKeyId, String secretAccessKey) {

  public SqsEndpoint {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /** An AWS SDK v2 client for this endpoint. */
  public SqsClient newClient() {
    return SqsClient.builder()
        .endpointOverride(uri)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Creates a queue and returns its URL. */
  public String createQueue(String name) {
    try (SqsClient sqs = newClient()) {
      return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }
  }

  @Override
  public String toString() {
    return "SqsEndpoint[" + uri + ", region " + region + "]";
  }
}
