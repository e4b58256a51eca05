package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** The official AWS SDK's Step Functions client against the orchestrator's API. */
@ExtendWith(LocalStackExtension.class)
class StepFunctionsHandlerIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/pipeline";
  private static final String DEFINITION =
      "{\"StartAt\": \"Hello\", \"States\": {\"Hello\": {\"Type\": \"Pass\", \"End\": true}}}";

  private static StateMachineRegistry machines;
  private static ExecutorService executor;
  private static Server server;
  private static SfnClient sfn;

  @BeforeAll
  static void start(LocalStack stack) throws Exception {
    KafkaSettings kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    PipelineKafka.prepare(kafka, Settings.of(Map.of())).close();
    machines =
        new StateMachineRegistry(
            kafka,
            new PipelineTopics(SchemaCatalog.builtIn()),
            "us-east-1",
            "000000000000",
            Clock.systemUTC());
    executor = Executors.newFixedThreadPool(2);
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new StepFunctionsHandler(machines, executor));
    server.start();
    sfn =
        SfnClient.builder()
            .endpointOverride(URI.create("http://localhost:" + connector.getLocalPort()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    sfn.close();
    server.stop();
    executor.shutdownNow();
    machines.close();
  }

  @Test
  void shouldCreateAndDescribeAStateMachineThroughTheAwsSdk() {
    String name = LocalStack.uniqueName("hello");

    CreateStateMachineResponse created =
        sfn.createStateMachine(
            b -> b.name(name).definition(DEFINITION).roleArn(ROLE).type(StateMachineType.STANDARD));
    DescribeStateMachineResponse described =
        sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));

    assertThat(created.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:" + name);
    assertThat(created.creationDate()).isNotNull();
    assertThat(described.name()).isEqualTo(name);
    assertThat(described.definition()).isEqualTo(DEFINITION);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
  }

  @Test
  void shouldAnswerErrorsAsTheSdksExceptions() {
    String name = LocalStack.uniqueName("taken");
    sfn.createStateMachine(b -> b.name(name).definition(DEFINITION).roleArn(ROLE));

    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b ->
                        b.name(name)
                            .definition(DEFINITION.replace("Hello", "Other"))
                            .roleArn(ROLE)))
        .isInstanceOf(StateMachineAlreadyExistsException.class);
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b ->
                        b.name(LocalStack.uniqueName("bad"))
                            .definition("{\"StartAt\": \"Nowhere\", \"States\": {}}")
                            .roleArn(ROLE)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("MISSING_STATES at /States")
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).requestId()).isNotBlank());
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b -> b.name("no spaces").definition(DEFINITION).roleArn(ROLE)))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(
            () ->
                sfn.describeStateMachine(
                    b ->
                        b.stateMachineArn(
                            "arn:aws:states:us-east-1:000000000000:stateMachine:missing")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }
}
