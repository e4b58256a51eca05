package io.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.Ports;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class ProduceConsumeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static String bootstrap;

  @TempDir Path dir;

  @BeforeAll
  static void createTopics(LocalStack stack) {
    bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
  }

  @Test
  void shouldRoundTripJsonThroughAvroTopicAndNameCorruptRecords() throws Exception {
    Path input =
        lines(
            "{\"readingId\": \"r1\", \"deviceId\": \"d1\", \"metric\": \"temp\", \"value\": 21.5,"
                + " \"eventTime\": \"2026-11-25T10:00:00Z\"}",
            "{\"readingId\": \"r2\", \"deviceId\": \"d2\", \"metric\": \"temp\", \"value\": 19,"
                + " \"unit\": \"C\", \"eventTime\": 0, \"attributes\": {\"site\": \"north\"}}");
    CliRun produce =
        CliRun.of(
            "produce",
            "-b",
            bootstrap,
            "-t",
            PipelineTopics.IOT_TELEMETRY,
            "--key-field",
            "deviceId",
            "-f",
            input.toString());
    assertThat(produce.exitCode()).as(produce.err()).isZero();
    assertThat(produce.err()).contains("Produced 2 records");
    try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
      raw.send(
              new ProducerRecord<>(
                  PipelineTopics.IOT_TELEMETRY,
                  0,
                  null,
                  "{\"deviceId\": \"d3\", \"value\": 1}".getBytes()))
          .get();
    }

    CliRun consume =
        CliRun.of(
            "consume",
            "-b",
            bootstrap,
            "-t",
            PipelineTopics.IOT_TELEMETRY,
            "--from-beginning",
            "--max",
            "3",
            "--timeout",
            "10s");

    assertThat(consume.exitCode()).isEqualTo(ConsumeCommand.UNDECODABLE_RECORDS);
    List<JsonNode> records = consume.outLines().stream().map(ProduceConsumeIT::parse).toList();
    assertThat(records)
        .extracting(r -> r.get("key").textValue())
        .containsExactlyInAnyOrder("d1", "d2");
    JsonNode second =
        records.stream()
            .filter(r -> r.get("key").textValue().equals("d2"))
            .findFirst()
            .orElseThrow()
            .get("value");
    assertThat(second.get("unit").textValue()).isEqualTo("C");
    assertThat(second.get("eventTime").textValue()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(second.get("attributes").get("site").textValue()).isEqualTo("north");
    assertThat(consume.err())
        .contains("topic 'pipeline.iot.telemetry', partition 0, offset")
        .contains("not Avro single-object encoded");
  }

  @Test
  void shouldKeepLinesBeforeMalformedJsonAndNameTheBadLine(LocalStack stack) throws Exception {
    String topic = createTopic(LocalStack.uniqueName("plain"));
    Path input = lines("{\"n\": 1}", "{\"n\": 2", "{\"n\": 3}");

    CliRun produce = CliRun.of("produce", "-b", bootstrap, "-t", topic, "-f", input.toString());

    assertThat(produce.exitCode()).isEqualTo(1);
    assertThat(produce.err()).contains("Produced 1 record to").contains("line 2: malformed JSON");
    CliRun consume =
        CliRun.of(
            "consume",
            "-b",
            bootstrap,
            "-t",
            topic,
            "--from-beginning",
            "--value-only",
            "--timeout",
            "3s");
    assertThat(consume.outLines()).containsExactly("{\"n\":1}");
  }

  @Test
  void shouldReportProgressWhileReadingAFileUnlessQuiet() throws Exception {
    String topic = createTopic(LocalStack.uniqueName("progress"));
    Path input =
        lines(
            java.util.stream.IntStream.range(0, 3_000)
                .mapToObj(i -> "{\"n\": " + i + "}")
                .toArray(String[]::new));

    CliRun reported =
        CliRun.of(
            "produce",
            "-b",
            bootstrap,
            "-t",
            topic,
            "-f",
            input.toString(),
            "--progress-interval",
            "1ms");
    CliRun quiet =
        CliRun.of(
            "produce",
            "-b",
            bootstrap,
            "-t",
            topic,
            "-f",
            input.toString(),
            "--progress-interval",
            "1ms",
            "--quiet");
    CliRun defaults = CliRun.of("produce", "-b", bootstrap, "-t", topic, "-f", input.toString());

    assertThat(reported.exitCode()).as(reported.err()).isZero();
    List<String> progress = reported.err().lines().filter(l -> l.contains("records/s")).toList();
    assertThat(progress)
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "[\\d,]+ records \\([\\d,]+ records/s\\), \\d+\\.\\d% of "
                            + input.getFileName()
                            + " read"));
    assertThat(reported.err()).contains("Produced 3000 records to " + topic);
    assertThat(quiet.err()).doesNotContain("records/s").contains("Produced 3000 records");
    // A short file is done before the first 2-second interval: no progress line.
    assertThat(defaults.err()).doesNotContain("records/s").contains("Produced 3000 records");
  }

  @Test
  void shouldListTopicsWithPartitionsAndCounts() throws Exception {
    String topic = createTopic(LocalStack.uniqueName("listed"));
    CliRun produce =
        CliRun.of(
            "produce",
            "-b",
            bootstrap,
            "-t",
            topic,
            "--key",
            "k",
            "-f",
            lines("1", "2", "3").toString());
    assertThat(produce.exitCode()).as(produce.err()).isZero();

    CliRun topics = CliRun.of("topics", "-b", bootstrap);

    assertThat(topics.exitCode()).isZero();
    assertThat(topics.outLines())
        .anySatisfy(l -> assertThat(l.split("\\s+")).containsExactly(topic, "2", "3", "bytes"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(PipelineTopics.S3_OBJECT_EVENTS)
                    .endsWith("avro io.pipeline.schemas.s3.S3ObjectEvent"));
  }

  @Test
  void shouldNameMissingTopic() {
    CliRun consume = CliRun.of("consume", "-b", bootstrap, "-t", "no-such-topic", "--max", "1");

    assertThat(consume.exitCode()).isEqualTo(1);
    assertThat(consume.err()).contains("Topic 'no-such-topic' does not exist");
  }

  @Test
  void shouldNameUnreachableBroker() {
    String nowhere = "localhost:" + Ports.free();

    CliRun topics = CliRun.of("topics", "-b", nowhere);

    assertThat(topics.exitCode()).isEqualTo(1);
    assertThat(topics.err()).contains("Cannot reach Kafka at " + nowhere);
  }

  private Path lines(String... lines) throws Exception {
    Path file = Files.createTempFile(dir, "input", ".jsonl");
    Files.write(file, List.of(lines));
    return file;
  }

  private static String createTopic(String name) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(name, Optional.of(2), Optional.empty()))).all().get();
      new io.pipeline.schemas.topic.TopicAdmin(admin).awaitLeaders(List.of(name));
    }
    return name;
  }

  private static KafkaProducer<byte[], byte[]> rawProducer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
