package io.pipeline.orchestrator;

import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.api.ApiCredentials;
import java.net.URI;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
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
   * A client of the orchestrator at {@code endpoint}, signing with the documented local access key.
   * StartSyncExecution's {@code sync-} host prefix is turned off, as the README says to: {@code
   * sync-localhost} resolves nowhere.
   */
  public static SfnClient client(URI endpoint) {
    return client(
        endpoint,
        Region.US_EAST_1,
        ApiCredentials.LOCAL_ACCESS_KEY_ID,
        ApiCredentials.LOCAL_SECRET_ACCESS_KEY);
  }

  /** A client as {@link #client(URI)}, signing for {@code region} with this access key. */
  public static SfnClient client(
      URI endpoint, Region region, String accessKeyId, String secretAccessKey) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .overrideConfiguration(
            o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
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
   * Starts an execution, trying again for up to two minutes while the orchestrator cannot take it
   * (restarting, or its partition moving): the same name and input is safe to send again.
   *
   * @return the execution's ARN, also when an earlier try started it and it closed since (its
   *     verdict lost with a killed process)
   */
  public static String startUntilAccepted(SfnClient sfn, String machine, String name, String input)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try {
        return sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input(input))
            .executionArn();
      } catch (ExecutionAlreadyExistsException e) {
        return machine.replace(":stateMachine:", ":execution:") + ":" + name;
      } catch (SdkException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  /**
   * Waits up to two minutes until the execution closed, polling every 200 ms through the failures
   * of an orchestrator restarting or of partitions moving between instances.
   */
  public static DescribeExecutionResponse awaitClosedThroughFailures(
      SfnClient sfn, String executionArn) {
    return awaitClosed(
        sfn,
        executionArn,
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptionsInstanceOf(SdkException.class));
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
