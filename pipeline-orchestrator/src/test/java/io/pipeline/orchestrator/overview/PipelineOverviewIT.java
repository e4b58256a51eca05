package io.pipeline.orchestrator.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class PipelineOverviewIT {

  private static KafkaSettings kafka;

  @BeforeAll
  static void prepare(LocalStack stack) {
    kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
  }

  @Test
  void shouldShowRecordsRatesDeadLettersAndLagWhenTopicsAreWrittenAndPartlyRead() throws Exception {
    // given: a topic of 2 partitions with 30 records, a dead-letter topic with 4, an internal
    // changelog; a group that committed 10 of the 30
    String orders = LocalStack.uniqueName("overview.orders");
    String deadLetters = LocalStack.uniqueName("overview.orders.dead-letters");
    String changelog = LocalStack.uniqueName("overview-app-store") + "-changelog";
    String group = LocalStack.uniqueName("overview-readers");
    try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(orders, 2, (short) 1),
                  new NewTopic(deadLetters, 1, (short) 1),
                  new NewTopic(changelog, 1, (short) 1)))
          .all()
          .get();
    }
    produce(orders, 30);
    produce(deadLetters, 4);
    produce(changelog, 2);
    commit(group, new TopicPartition(orders, 0), 10);

    // when: the overview samples twice, more records arriving in between
    try (PipelineOverview overview =
        new PipelineOverview(
            Admin.create(kafka.clientConfig(Map.of())),
            Duration.ofMillis(300),
            Duration.ofMinutes(1),
            Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> overview.lastTopics().containsKey(orders));
      produce(orders, 20);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> overview.lastTopics().get(orders).records() == 50);
      ObjectNode json = overview.toJson();

      // then
      JsonNode ordersJson = topic(json, orders);
      assertThat(ordersJson.get("partitions").asInt()).isEqualTo(2);
      assertThat(ordersJson.get("records").asLong()).isEqualTo(50);
      assertThat(ordersJson.get("deadLetters").asBoolean()).isFalse();
      assertThat(ordersJson.get("rates"))
          .anySatisfy(rate -> assertThat(rate.get("perSecond").asDouble()).isPositive());
      assertThat(topic(json, deadLetters).get("deadLetters").asBoolean()).isTrue();
      assertThat(topic(json, deadLetters).get("records").asLong()).isEqualTo(4);
      assertThat(names(json)).doesNotContain(changelog);
      JsonNode readers =
          StreamSupport.stream(json.get("groups").spliterator(), false)
              .filter(g -> g.get("groupId").asText().equals(group))
              .findFirst()
              .orElseThrow();
      long onPartition0 = endOffset(new TopicPartition(orders, 0));
      assertThat(readers.get("lag").asLong()).isEqualTo(onPartition0 - 10);
      assertThat(readers.get("lagByTopic").get(orders).asLong()).isEqualTo(onPartition0 - 10);
      assertThat(json.get("sampledAt").asDouble()).isPositive();
      assertThat(json.has("error")).isFalse();
    }
  }

  @Test
  void shouldReportErrorAndKeepNothingWhenKafkaCannotBeReached() {
    // given: a client of a broker that does not exist
    Admin unreachable =
        Admin.create(
            Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "request.timeout.ms", 200,
                "default.api.timeout.ms", 400));

    // when
    try (PipelineOverview overview =
        new PipelineOverview(
            unreachable, Duration.ofMillis(200), Duration.ofMinutes(1), Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> overview.toJson().has("error"));

      // then
      ObjectNode json = overview.toJson();
      assertThat(json.get("error").asText()).isNotBlank();
      assertThat(json.get("topics")).isEmpty();
      assertThat(json.has("sampledAt")).isFalse();
    }
  }

  private static JsonNode topic(ObjectNode json, String name) {
    return StreamSupport.stream(json.get("topics").spliterator(), false)
        .filter(t -> t.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not shown: " + names(json)));
  }

  private static List<String> names(ObjectNode json) {
    return StreamSupport.stream(json.get("topics").spliterator(), false)
        .map(t -> t.get("name").asText())
        .toList();
  }

  private static void produce(String topic, int count) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig("overview-it", Map.of()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
      }
      producer.flush();
    }
  }

  private static void commit(String group, TopicPartition partition, long offset) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group)),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
    }
  }

  private static long endOffset(TopicPartition partition) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(Map.of()), new StringDeserializer(), new StringDeserializer())) {
      return consumer.endOffsets(List.of(partition)).get(partition);
    }
  }
}
