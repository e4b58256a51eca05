package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * ThrottlingException past an action's configured rate, as the AWS SDK sees it: without retries it
 * gets the error; with its default retries it backs off and gets through.
 */
@ExtendWith(LocalStackExtension.class)
class ThrottlingIT {

  @Test
  void shouldThrottleAnActionPastItsRateAndLetTheSdkRetryThrough(LocalStack stack) {
    try (OrchestratorFixture orchestrator =
            OrchestratorFixture.start(
                stack, Map.of("ORCHESTRATOR_API_RATE_LIMITS", "ListStateMachines=1"));
        SfnClient noRetries =
            SfnClient.builder()
                .endpointOverride(orchestrator.apiUri())
                .overrideConfiguration(
                    o ->
                        o.retryStrategy(AwsRetryStrategy.doNotRetry())
                            .putAdvancedOption(
                                SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            ApiCredentials.LOCAL_ACCESS_KEY_ID,
                            ApiCredentials.LOCAL_SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      List<String> refusals = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        try {
          noRetries.listStateMachines();
        } catch (SfnException e) {
          refusals.add(e.statusCode() + " " + e.awsErrorDetails().errorCode());
        }
      }

      assertThat(refusals).isNotEmpty().allMatch(r -> r.equals("400 ThrottlingException"));
      // Other actions have no limit.
      for (int i = 0; i < 5; i++) {
        noRetries.listActivities();
      }
      // The SDK's default retries back off until the action takes it again.
      assertThat(orchestrator.sfn().listStateMachines().stateMachines()).isNotNull();
    }
  }
}
