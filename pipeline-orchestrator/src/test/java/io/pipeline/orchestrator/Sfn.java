package io.pipeline.orchestrator;

import io.pipeline.common.config.Settings;
import io.pipeline.localstack.LocalStack;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The official AWS SDK's Step Functions client, pointed at an orchestrator under test. */
public final class Sfn {

  public static final String ROLE = "arn:aws:iam::000000000000:role/pipeline";

  private Sfn() {}

  public static SfnClient client(URI endpoint) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Settings of an orchestrator on the local stack's Kafka, its state under {@code state}. */
  public static Settings settings(LocalStack stack, Path state, Map<String, String> more) {
    Map<String, String> values = new HashMap<>();
    values.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
    values.put("ORCHESTRATOR_HTTP_PORT", "0");
    values.put("ORCHESTRATOR_APPLICATION_ID", LocalStack.uniqueName("orchestrator"));
    values.put("ORCHESTRATOR_STATE_DIR", state.toString());
    values.putAll(more);
    return Settings.of(values);
  }
}
