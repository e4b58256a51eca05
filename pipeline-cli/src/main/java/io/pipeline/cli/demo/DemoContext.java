package io.pipeline.cli.demo;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.orchestrator.api.ApiCredentials;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What the demo's stages work with: the stack's Kafka, S3 and MQTT, and the Step Functions API
 * through the official AWS SDK, as any program of a user would reach them.
 *
 * @param kafka the stack's Kafka
 * @param s3 a client of its S3 server
 * @param bucket the bucket whose new objects under {@code incoming/} start the ETL
 * @param mqtt its MQTT broker, if one runs
 * @param api the Step Functions API
 * @param console where the console answers, and how to sign in
 * @param sfn a client of that API
 * @param region the region in the orchestrator's ARNs
 * @param account the account id in them
 * @param out where progress lines go
 */
public record DemoContext(
    KafkaSettings kafka,
    S3Client s3,
    String bucket,
    Optional<URI> mqtt,
    URI api,
    String console,
    SfnClient sfn,
    String region,
    String account,
    PrintWriter out)
    implements AutoCloseable {

  /** The role ARN state machines are created with; the orchestrator does not assume roles. */
  public static final String ROLE = "arn:aws:iam::000000000000:role/pipeline-demo";

  /** A client of the API at {@code api}, signed with the documented local access key. */
  public static SfnClient sfnClient(URI api, String region) {
    return SfnClient.builder()
        .endpointOverride(api)
        // StartSyncExecution's sync- host prefix would resolve nowhere.
        .overrideConfiguration(
            o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    ApiCredentials.LOCAL_ACCESS_KEY_ID, ApiCredentials.LOCAL_SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A state machine's ARN from its name. */
  public String stateMachineArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }

  /** An activity's ARN from its name. */
  public String activityArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":activity:" + name;
  }

  @Override
  public void close() {
    sfn.close();
    s3.close();
  }
}
