package io.pipeline.common.s3;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach S3 or an S3-compatible store.
 *
 * @param endpoint the endpoint of an S3-compatible store; empty for AWS itself
 * @param region the signing region
 * @param accessKeyId the access key; empty to use the AWS SDK's default credential chain
 * @param secretAccessKey the secret key, with the access key
 * @param pathStyle whether to address buckets in the path (S3-compatible stores) or host
 */
public record S3Settings(
    Optional<URI> endpoint,
    String region,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey,
    boolean pathStyle) {

  public static final Setting<Optional<String>> ENDPOINT =
      Setting.optionalString(
          "S3_ENDPOINT",
          "Endpoint of an S3-compatible store, e.g. http://localhost:9000; unset for AWS S3.");
  public static final Setting<String> REGION =
      Setting.string("S3_REGION", "us-east-1", "Region requests are signed for.");
  public static final Setting<Optional<String>> ACCESS_KEY_ID =
      Setting.optionalString(
          "AWS_ACCESS_KEY_ID", "Access key; unset to use the AWS SDK's default credential chain.");
  public static final Setting<Optional<String>> SECRET_ACCESS_KEY =
      Setting.optionalString("AWS_SECRET_ACCESS_KEY", "Secret key that goes with the access key.");
  public static final Setting<String> PATH_STYLE =
      Setting.string(
          "S3_PATH_STYLE",
          "auto",
          "true to put the bucket in the path (S3-compatible stores), false for virtual hosts;"
              + " auto means true whenever S3_ENDPOINT is set.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(ENDPOINT, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY, PATH_STYLE);

  /** Reads and validates the S3 settings. */
  public static S3Settings from(Settings settings) {
    Optional<URI> endpoint = settings.get(ENDPOINT).map(S3Settings::endpoint);
    Optional<String> accessKey = settings.get(ACCESS_KEY_ID);
    Optional<String> secretKey = settings.get(SECRET_ACCESS_KEY);
    if (accessKey.isPresent() != secretKey.isPresent()) {
      throw new ConfigException(
          "Settings AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both or neither");
    }
    String pathStyle = settings.get(PATH_STYLE).trim();
    boolean path =
        switch (pathStyle) {
          case "auto" -> endpoint.isPresent();
          case "true" -> true;
          case "false" -> false;
          default ->
              throw new ConfigException(
                  "Setting S3_PATH_STYLE='"
                      + pathStyle
                      + "' is invalid: expected auto, true or false");
        };
    return new S3Settings(endpoint, settings.get(REGION), accessKey, secretKey, path);
  }

  private static URI endpoint(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Setting S3_ENDPOINT='" + text + "' is not a URL", e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new ConfigException(
          "Setting S3_ENDPOINT='" + text + "' is invalid: expected a URL such as http://host:9000");
    }
    return uri;
  }

  /** A client for these settings. */
  public S3Client newClient() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(region))
            .forcePathStyle(pathStyle)
            .credentialsProvider(credentials())
            .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * The credentials of these settings: the static keys when set, otherwise the AWS SDK's default
   * chain. Other AWS clients of the service (SQS) use the same.
   */
  public AwsCredentialsProvider credentials() {
    if (accessKeyId.isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.orElseThrow()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
