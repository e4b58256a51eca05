package io.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.dlq.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Express steps deployed from a steps file run on a real broker: each record of the source through
 * the state machine, its output on the sink, a failed execution or a record that is not JSON on the
 * dead-letter topic with the error and cause; a step whose source does not exist is refused.
 */
@ExtendWith(LocalStackExtension.class)
class ExpressStepsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shouldWriteEachRecordsOutputToSinkAndFailuresToDeadLetters(LocalStack stack)
      throws Exception {
    // given
    String bootstrap = stack.kafka().bootstrapServers();
    String source = LocalStack.uniqueName("orders");
    String sink = source + ".checked";
    String unpaid = source + ".unpaid";
    createTopic(bootstrap, source);
    Files.writeString(
        dir.resolve("check.asl.json"),
        """
        {"QueryLanguage": "JSONata", "StartAt": "Paid?", "States": {
          "Paid?": {"Type": "Choice",
            "Choices": [{"Condition": "{% $states.input.paid %}", "Next": "Total"}],
            "Default": "Unpaid"},
          "Total": {"Type": "Pass", "End": true, "Output": {
            "order": "{% $states.input.id %}",
            "total": "{% $sum($states.input.lines.(qty * price)) %}"}},
          "Unpaid": {"Type": "Fail", "Error": "Order.Unpaid", "Cause": "not paid yet"}}}
        """);
    Files.writeString(
        dir.resolve("steps.json"),
        """
        {"steps": [{"name": "check-orders", "definition": "check.asl.json",
          "source": "%s", "sink": "%s", "deadLetters": "%s"}]}
        """
            .formatted(source, sink, unpaid));
    Settings settings =
        Settings.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrap,
                "TRANSFORM_HTTP_PORT",
                "0",
                "TRANSFORM_STATE_DIR",
                dir.resolve("state").toString(),
                "TELEMETRY_ENABLED",
                "false",
                "TRANSFORM_STEPS_FILE",
                dir.resolve("steps.json").toString(),
                "TRANSFORM_STEPS_APPLICATION_PREFIX",
                LocalStack.uniqueName("step") + "-"));

    try (TransformService service = TransformService.start(settings)) {
      await()
          .atMost(TIMEOUT)
          .until(() -> service.apps().get(0).state() == KafkaStreams.State.RUNNING);

      // when
      produce(
          bootstrap,
          source,
          Map.of(
              "o-1",
              "{\"id\": \"o-1\", \"paid\": true, \"lines\": [{\"qty\": 2, \"price\": 5},"
                  + " {\"qty\": 1, \"price\": 7.5}]}",
              "o-2",
              "{\"id\": \"o-2\", \"paid\": false, \"lines\": []}",
              "o-3",
              "{\"id\": \"o-3\", \"paid\": tru"));

      // then
      List<ConsumerRecord<String, byte[]>> outputs =
          TopicReader.awaitMatching(bootstrap, sink, r -> true, 1, TIMEOUT, Duration.ofSeconds(1));
      assertThat(outputs).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("o-1"));
      JsonNode output = JSON.readTree(outputs.get(0).value());
      assertThat(output.get("order").asText()).isEqualTo("o-1");
      assertThat(output.get("total").asDouble()).isEqualTo(17.5);
      List<DeadLetter> letters =
          Telemetry.values(
              Telemetry.TOPICS.transformDeadLetters(),
              TopicReader.awaitMatching(
                  bootstrap, unpaid, r -> true, 2, TIMEOUT, Duration.ofSeconds(1)));
      assertThat(letters)
          .extracting(l -> l.getAttributes().get("error"))
          .containsExactlyInAnyOrder("Order.Unpaid", "InvalidExecutionInput");
      assertThat(letters)
          .allSatisfy(l -> assertThat(l.getStage()).isEqualTo("express-step:check-orders"))
          .anySatisfy(
              l -> {
                assertThat(l.getReason()).isEqualTo("Order.Unpaid: not paid yet");
                assertThat(StandardCharsets.UTF_8.decode(l.getPayload()).toString())
                    .contains("\"o-2\"");
              });
    }
  }

  @Test
  void shouldRefuseStepWhoseSourceTopicDoesNotExist(LocalStack stack) throws Exception {
    // given
    String source = LocalStack.uniqueName("missing");
    Files.writeString(
        dir.resolve("steps.json"),
        """
        {"steps": [{"name": "lost", "source": "%s", "sink": "%s.out", "definition":
          {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}]}
        """
            .formatted(source, source));
    Settings settings =
        Settings.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                stack.kafka().bootstrapServers(),
                "TRANSFORM_HTTP_PORT",
                "0",
                "TELEMETRY_ENABLED",
                "false",
                "TRANSFORM_STEPS_FILE",
                dir.resolve("steps.json").toString()));

    // when / then
    assertThatThrownBy(() -> TransformService.start(settings).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("step 'lost': source topic '" + source + "' does not exist");
  }

  private static void createTopic(String bootstrap, String name) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(Set.of(new NewTopic(name, 3, (short) 1))).all().get();
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  admin
                      .describeTopics(Set.of(name))
                      .allTopicNames()
                      .get()
                      .get(name)
                      .partitions()
                      .stream()
                      .allMatch(p -> p.leader() != null));
    }
  }

  private static void produce(String bootstrap, String topic, Map<String, String> records)
      throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (Map.Entry<String, String> record : records.entrySet()) {
        producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
      }
    }
  }
}
