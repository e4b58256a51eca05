package io.pipeline.orchestrator.integrations.aws;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * Settings of the S3 tasks ({@code arn:aws:states:::aws-sdk:s3:*}): which S3, or S3-compatible
 * store, they call and how.
 *
 * @param access where S3 is and the credentials
 * @param pathStyle whether buckets go in the path (S3-compatible stores) rather than the host name
 * @param callTimeout how long one call may take, retries included
 */
public record S3IntegrationConfig(AwsAccess access, boolean pathStyle, Duration callTimeout) {

  public static final Setting<Optional<String>> ENDPOINT =
      Setting.optionalString(
          "ORCHESTRATOR_S3_ENDPOINT",
          "URL of the S3 API that S3 Task states call, e.g. http://localhost:9000 for an"
              + " S3-compatible store; unset for AWS S3 in ORCHESTRATOR_S3_REGION.");
  public static final Setting<String> REGION =
      Setting.string(
          "ORCHESTRATOR_S3_REGION", "us-east-1", "Region the S3 tasks' requests are signed for.");
  public static final Setting<Optional<String>> ACCESS_KEY_ID =
      Setting.optionalString(
          "ORCHESTRATOR_S3_ACCESS_KEY_ID",
          "Access key of the S3 tasks; unset to use the AWS SDK's default credential chain"
              + " (AWS_ACCESS_KEY_ID, profiles, instance and container roles).");
  public static final Setting<Optional<String>> SECRET_ACCESS_KEY =
      Setting.optionalString(
          "ORCHESTRATOR_S3_SECRET_ACCESS_KEY",
          "Secret key that goes with ORCHESTRATOR_S3_ACCESS_KEY_ID; never logged.");
  public static final Setting<String> PATH_STYLE =
      Setting.string(
          "ORCHESTRATOR_S3_PATH_STYLE",
          "auto",
          "true to put the bucket in the path (S3-compatible stores), false for virtual hosts;"
              + " auto means true whenever ORCHESTRATOR_S3_ENDPOINT is set.");
  public static final Setting<Duration> CALL_TIMEOUT =
      Setting.duration(
          "ORCHESTRATOR_S3_CALL_TIMEOUT",
          "60s",
          "How long one S3 task call may take, the AWS SDK's retries included; past it the task"
              + " fails with S3.SdkClientException.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(ENDPOINT, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY, PATH_STYLE, CALL_TIMEOUT);

  public S3IntegrationConfig {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConfigException naming the setting that is wrong
   */
  public static S3IntegrationConfig from(Settings settings) {
    AwsAccess access = AwsAccess.read(settings, ENDPOINT, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    String pathStyle = settings.get(PATH_STYLE).trim();
    boolean path =
        switch (pathStyle) {
          case "auto" -> access.endpoint().isPresent();
          case "true" -> true;
          case "false" -> false;
          default ->
              throw new ConfigException(
                  "Setting "
                      + PATH_STYLE.name()
                      + "='"
                      + pathStyle
                      + "' is invalid: expected auto, true or false");
        };
    return new S3IntegrationConfig(access, path, settings.get(CALL_TIMEOUT));
  }

  /**
   * A new asynchronous client for these settings; its caller closes it. Against an S3-compatible
   * store (an endpoint is set) checksums are sent and checked only where the S3 API requires them,
   * since such stores differ in the newer checksum headers they understand.
   */
  public S3AsyncClient newClient() {
    S3AsyncClientBuilder builder =
        S3AsyncClient.builder()
            .region(access.sdkRegion())
            .credentialsProvider(access.credentials())
            .forcePathStyle(pathStyle)
            .httpClientBuilder(SdkHttpClients.httpClient(callTimeout))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().apiCallTimeout(callTimeout).build());
    access
        .endpoint()
        .ifPresent(
            uri ->
                builder
                    .endpointOverride(uri)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    return builder.build();
  }
}
