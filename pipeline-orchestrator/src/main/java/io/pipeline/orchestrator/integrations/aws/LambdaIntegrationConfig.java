package io.pipeline.orchestrator.integrations.aws;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

/**
 * Settings of the Lambda tasks ({@code arn:aws:states:::lambda:invoke} and function ARNs). Lambda
 * tasks run only once {@link #ENDPOINT} names the Lambda API to call; until then they fail with a
 * cause that names the setting.
 *
 * @param access where the Lambda API is and the credentials; its endpoint is empty when Lambda
 *     tasks are not configured
 * @param callTimeout how long one invocation may take, retries included
 */
public record LambdaIntegrationConfig(AwsAccess access, Duration callTimeout) {

  private static final Duration MIN_CALL_TIMEOUT = Duration.ofSeconds(1);

  public static final Setting<Optional<String>> ENDPOINT =
      Setting.optionalString(
          "ORCHESTRATOR_LAMBDA_ENDPOINT",
          "URL of the Lambda API that Lambda Task states invoke functions through, e.g."
              + " https://lambda.us-east-1.amazonaws.com or a local server that speaks Lambda's"
              + " Invoke API; unset: Lambda tasks fail, naming this setting.");
  public static final Setting<String> REGION =
      Setting.string(
          "ORCHESTRATOR_LAMBDA_REGION",
          "us-east-1",
          "Region the Lambda tasks' requests are signed for.");
  public static final Setting<Optional<String>> ACCESS_KEY_ID =
      Setting.optionalString(
          "ORCHESTRATOR_LAMBDA_ACCESS_KEY_ID",
          "Access key of the Lambda tasks; unset to use the AWS SDK's default credential chain"
              + " (AWS_ACCESS_KEY_ID, profiles, instance and container roles).");
  public static final Setting<Optional<String>> SECRET_ACCESS_KEY =
      Setting.optionalString(
          "ORCHESTRATOR_LAMBDA_SECRET_ACCESS_KEY",
          "Secret key that goes with ORCHESTRATOR_LAMBDA_ACCESS_KEY_ID; never logged.");
  public static final Setting<Duration> CALL_TIMEOUT =
      Setting.duration(
          "ORCHESTRATOR_LAMBDA_CALL_TIMEOUT",
          "16m",
          "How long one invocation may take, the AWS SDK's retries included (a function runs"
              + " 15 minutes at most); past it the task fails with"
              + " Lambda.ClientExecutionTimeoutException.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(ENDPOINT, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY, CALL_TIMEOUT);

  public LambdaIntegrationConfig {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConfigException naming the setting that is wrong
   */
  public static LambdaIntegrationConfig from(Settings settings) {
    AwsAccess access = AwsAccess.read(settings, ENDPOINT, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    Duration timeout = settings.get(CALL_TIMEOUT);
    if (timeout.compareTo(MIN_CALL_TIMEOUT) < 0) {
      throw new ConfigException(
          "Setting " + CALL_TIMEOUT.name() + "=" + timeout + " is invalid: at least 1s");
    }
    return new LambdaIntegrationConfig(access, timeout);
  }

  /** Whether Lambda tasks can run: {@link #ENDPOINT} is set. */
  public boolean configured() {
    return access.endpoint().isPresent();
  }

  /**
   * A new asynchronous client for these settings; its caller closes it. A synchronous invocation
   * answers only when the function returns, so the connection's read timeout is the call timeout.
   *
   * @throws IllegalStateException when Lambda tasks are not {@link #configured()}
   */
  public LambdaAsyncClient newClient() {
    return LambdaAsyncClient.builder()
        .endpointOverride(
            access
                .endpoint()
                .orElseThrow(() -> new IllegalStateException(ENDPOINT.name() + " is not set")))
        .region(access.sdkRegion())
        .credentialsProvider(access.credentials())
        .httpClientBuilder(SdkHttpClients.httpClient(callTimeout))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().apiCallTimeout(callTimeout).build())
        .build();
  }
}
