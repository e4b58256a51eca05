package io.pipeline.orchestrator;

import io.pipeline.localstack.LocalStack;
import java.net.URI;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The official AWS SDK's Step Functions client, pointed at an orchestrator under test, and the
 * steps every test takes with it. An orchestrator in this JVM comes with {@link
 * OrchestratorExtension}; these serve one in a child JVM as well.
 */
public final class Sfn {

  public static final String ROLE = "arn:aws:iam::000000000000:role/pipeline";

  private Sfn() {}

  /**
   * A client of the orchestrator at {@code endpoint}. StartSyncExecution's {@code sync-} host
   * prefix is turned off, as the README says to: {@code sync-localhost} resolves nowhere.
   */
  public static SfnClient client(URI endpoint) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .overrideConfiguration(
            o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Creates a state machine named {@code prefix} and a unique suffix; returns its ARN. */
  public static String createMachine(SfnClient sfn, String prefix, String definition) {
    return sfn.createStateMachine(
            b -> b.name(LocalStack.uniqueName(prefix)).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  /**
   * Polls DescribeExecution, the first time at once, until the execution is no longer RUNNING.
   *
   * @param patience how long and how often to poll, and which failures to poll through
   */
  public static DescribeExecutionResponse awaitClosed(
      SfnClient sfn, String executionArn, ConditionFactory patience) {
    return patience
        .pollDelay(Duration.ZERO)
        .until(
            () -> sfn.describeExecution(b -> b.executionArn(executionArn)),
            described -> described.status() != ExecutionStatus.RUNNING);
  }
}
