package io.pipeline.orchestrator.integrations.aws;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach one AWS service (or a server that speaks its API): where, signed for which region,
 * with which credentials. {@link #toString()} never shows the secret key.
 *
 * @param endpoint the service's URL; empty for the SDK's default endpoint of the region
 * @param region the region requests are signed for
 * @param accessKeyId the static access key; empty to use the AWS SDK's default credential chain
 * @param secretAccessKey the secret key that goes with the access key
 */
public record AwsAccess(
    Optional<URI> endpoint,
    String region,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey) {

  public AwsAccess {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
      throw new IllegalArgumentException("the access key and the secret key go together");
    }
  }

  /**
   * Reads and validates the four settings of one service.
   *
   * @throws ConfigException naming the setting that is wrong
   */
  static AwsAccess read(
      Settings settings,
      Setting<Optional<String>> endpoint,
      Setting<String> region,
      Setting<Optional<String>> accessKeyId,
      Setting<Optional<String>> secretAccessKey) {
    Optional<URI> url = settings.get(endpoint).map(text -> url(endpoint.name(), text));
    String regionName = settings.get(region).trim();
    if (!regionName.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new ConfigException(
          "Setting "
              + region.name()
              + "='"
              + regionName
              + "' is invalid: expected a region name such as us-east-1");
    }
    Optional<String> keyId = settings.get(accessKeyId);
    Optional<String> secret = settings.get(secretAccessKey);
    if (keyId.isPresent() != secret.isPresent()) {
      // The message names both settings and shows neither value: one of them is a secret.
      throw new ConfigException(
          "Settings "
              + accessKeyId.name()
              + " and "
              + secretAccessKey.name()
              + " go together: set both, or neither to use the AWS SDK's default credential chain");
    }
    return new AwsAccess(url, regionName, keyId, secret);
  }

  private static URI url(String setting, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException("Setting " + setting + "='" + text + "' is not a URL", e);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new ConfigException(
          "Setting "
              + setting
              + "='"
              + text
              + "' is invalid: expected an http or https URL such as http://localhost:9000");
    }
    return uri;
  }

  /** The SDK's region. */
  public Region sdkRegion() {
    return Region.of(region);
  }

  /** The static keys when set, otherwise the AWS SDK's default credential chain. */
  public AwsCredentialsProvider credentials() {
    if (accessKeyId.isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.orElseThrow()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public String toString() {
    return "AwsAccess[endpoint "
        + endpoint.map(URI::toString).orElse("(the region's AWS endpoint)")
        + ", region "
        + region
        + ", "
        + accessKeyId.map(id -> "access key " + id).orElse("the default credential chain")
        + "]";
  }
}
