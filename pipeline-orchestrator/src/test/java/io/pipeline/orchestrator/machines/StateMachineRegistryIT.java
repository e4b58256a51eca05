package io.pipeline.orchestrator.machines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.machines.StateMachineRegistry.Create;
import io.pipeline.orchestrator.machines.StateMachineRegistry.Type;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class StateMachineRegistryIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/pipeline";
  private static final String DEFINITION =
      "{\"StartAt\": \"Hello\", \"States\": {\"Hello\": {\"Type\": \"Pass\", \"End\": true}}}";

  private static KafkaSettings kafka;
  private static PipelineTopics topics;
  private StateMachineRegistry first;
  private StateMachineRegistry second;

  @BeforeAll
  static void prepare(LocalStack stack) {
    kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    PipelineKafka.prepare(kafka, Settings.of(Map.of())).close();
    topics = new PipelineTopics(SchemaCatalog.builtIn());
  }

  @BeforeEach
  void startTwoInstances() {
    first = registry();
    second = registry();
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  @Test
  void shouldSeeACreatedMachineAtOnceHereAndSoonOnEveryInstance() {
    String name = LocalStack.uniqueName("orders");

    StateMachineRecord created = first.create(create(name, DEFINITION));

    assertThat(created.getArn())
        .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:" + name);
    assertThat(first.describe(created.getArn())).contains(created);
    assertThat(first.revision(created.getArn(), created.getRevisionId())).contains(created);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> second.describe(created.getArn()).isPresent());
    assertThat(second.describe(created.getArn()).get().getDefinition()).isEqualTo(DEFINITION);
  }

  @Test
  void shouldReturnTheSameMachineForTheSameRequestAndRefuseAnotherDefinition() {
    String name = LocalStack.uniqueName("idempotent");
    StateMachineRecord created = first.create(create(name, DEFINITION));

    assertThat(first.create(create(name, DEFINITION))).isEqualTo(created);
    assertThatThrownBy(
            () ->
                first.create(
                    create(
                        name,
                        DEFINITION.replace("\"End\": true", "\"End\":true,\"Comment\":\"x\""))))
        .isInstanceOf(StateMachineAlreadyExistsException.class)
        .hasMessageContaining(created.getArn());
  }

  @Test
  void shouldRefuseAnInvalidDefinitionOrNameSayingWhatIsWrong() {
    assertThatThrownBy(
            () ->
                first.create(
                    create(
                        LocalStack.uniqueName("bad"),
                        "{\"StartAt\": \"Missing\", \"States\": {\"A\": {\"Type\": \"Pass\","
                            + " \"End\": true}}}")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Missing")
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).diagnostics()).isNotEmpty());
    assertThatThrownBy(() -> first.create(create("has space", DEFINITION)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid State Machine Name: 'has space'");
  }

  private static StateMachineRegistry registry() {
    return new StateMachineRegistry(kafka, topics, "us-east-1", "000000000000", Clock.systemUTC());
  }

  private static Create create(String name, String definition) {
    return new Create(
        name, definition, ROLE, Type.STANDARD, Optional.empty(), StateMachineRegistry.Logging.OFF);
  }
}
