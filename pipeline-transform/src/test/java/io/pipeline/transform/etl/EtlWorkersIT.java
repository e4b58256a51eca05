package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The workers as the lead wires them: a task request on an activity's topic, as the runtime writes
 * it, is answered with a result command, as the runtime reads it.
 */
@ExtendWith(LocalStackExtension.class)
class EtlWorkersIT {

  private static final PipelineTopics TOPICS = new PipelineTopics(SchemaCatalog.builtIn());
  private static KafkaSettings kafka;
  private static S3Client s3;

  @BeforeAll
  static void prepare(LocalStack stack) {
    kafka = EtlFixture.kafka(stack);
    s3 = stack.s3().newClient();
  }

  @Test
  void shouldAnswerValidateTaskWithItsVerdictWhenWorkersRun() throws Exception {
    // given
    EtlFixture etl = EtlFixture.create(kafka, s3, Map.of());
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));
    String executionArn =
        "arn:aws:states:us-east-1:000000000000:execution:etl:" + LocalStack.uniqueName("run");

    try (EtlWorkers workers = EtlWorkers.start(kafka, s3, etl.config)) {
      // when
      send(
          TOPICS.activity(EtlWorkers.VALIDATE),
          executionArn,
          new TaskRequest(
              "token-" + executionArn,
              executionArn,
              "arn:aws:states:us-east-1:000000000000:activity:" + EtlWorkers.VALIDATE,
              etl.event("incoming/orders.csv").toString(),
              Instant.now(),
              null));

      // then
      List<ConsumerRecord<String, byte[]>> results =
          TopicReader.awaitMatching(
              kafka.bootstrapServers(),
              PipelineTopics.EXECUTION_COMMANDS,
              r -> executionArn.equals(r.key()) && command(r).getBody() instanceof TaskSucceeded,
              1,
              Duration.ofSeconds(60),
              Duration.ZERO);
      assertThat(results).hasSize(1);
      TaskSucceeded succeeded = (TaskSucceeded) command(results.get(0)).getBody();
      assertThat(succeeded.getTaskToken()).isEqualTo("token-" + executionArn);
      JsonNode output = EtlFixture.JSON.readTree(succeeded.getOutput());
      assertThat(output.path("action").asText()).isEqualTo("LOAD");
      assertThat(output.path("format").asText()).isEqualTo("CSV");
      assertThat(workers.stats().get(EtlWorkers.VALIDATE).received()).isEqualTo(1);
      assertThat(workers.stats().get(EtlWorkers.TRANSFORM).received()).isZero();
    }
  }

  private static ExecutionCommand command(ConsumerRecord<String, byte[]> record) {
    return TOPICS
        .executionCommands()
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }

  private static <V> void send(Topic<String, V> topic, String key, V value) throws Exception {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig("etl-test", Map.of()),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }
  }
}
