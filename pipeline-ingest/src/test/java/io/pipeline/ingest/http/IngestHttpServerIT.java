package io.pipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.Settings;
import io.pipeline.common.http.PartHealth;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.metrics.ServiceMetrics;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import io.pipeline.schemas.topic.TopicAdmin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class IngestHttpServerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;
  private static final Duration READ = Duration.ofSeconds(30);

  private static String bootstrap;
  private static SchemaTopic schemas;
  private static PipelineTopics topics;

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean bridgeUp = new AtomicBoolean(true);
  private ServiceMetrics metrics;
  private IngestHttpServer server;

  @BeforeAll
  static void prepareKafka(LocalStack stack) {
    bootstrap = stack.kafka().bootstrapServers();
    schemas = PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of()));
    topics = new PipelineTopics(schemas);
  }

  @AfterAll
  static void closeSchemas() {
    schemas.close();
  }

  @BeforeEach
  void startServer() {
    metrics = new ServiceMetrics();
    server = start(metrics);
  }

  @AfterEach
  void stopServer() {
    server.close();
    metrics.close();
  }

  @Test
  void shouldWriteGoodBatchAsAvroRecordsAndAnswerTheirOffsets() throws Exception {
    String device = LocalStack.uniqueName("device");
    String body =
        records(
            telemetry(device + "-a", "r1", "21.5"),
            telemetry(device + "-b", "r2", "19"),
            telemetry(device + "-a", "r3", "22.25"));

    HttpResponse<String> response = post(PipelineTopics.IOT_TELEMETRY, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode offsets = JSON.readTree(response.body()).get("offsets");
    assertThat(offsets).hasSize(3);
    Topic<String, TelemetryReading> topic = topics.iotTelemetry();
    List<ConsumerRecord<String, byte[]>> written =
        TopicReader.awaitMatching(
            bootstrap, topic.name(), r -> r.key().startsWith(device), 3, READ, Duration.ZERO);
    assertThat(written).hasSize(3);
    for (ConsumerRecord<String, byte[]> record : written) {
      TelemetryReading reading =
          topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
      int index = Integer.parseInt(reading.getReadingId().substring(1)) - 1;
      assertThat(offsets.get(index).get("partition").intValue()).isEqualTo(record.partition());
      assertThat(offsets.get(index).get("offset").longValue()).isEqualTo(record.offset());
      assertThat(reading.getDeviceId()).isEqualTo(record.key());
    }
    TelemetryReading third =
        written.stream()
            .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
            .filter(r -> r.getReadingId().equals("r3"))
            .findFirst()
            .orElseThrow();
    assertThat(third.getValue()).isEqualTo(22.25);
    assertThat(third.getAttributes()).containsEntry("site", "north");
  }

  @Test
  void shouldWriteNothingAndNameIndexPathAndReasonWhenOneRecordIsBad() throws Exception {
    String device = LocalStack.uniqueName("device");
    String bad =
        "{\"key\": \""
            + device
            + "\", \"value\": {\"readingId\": \"r2\", \"deviceId\": \""
            + device
            + "\", \"metric\": \"temp\", \"value\": 1, \"eventTime\": 0,"
            + " \"attributes\": {\"site\": 5}}}";
    String body = records(telemetry(device, "r1", "1"), bad, telemetry(device, "r3", "3"));

    HttpResponse<String> response = post(PipelineTopics.IOT_TELEMETRY, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("message").textValue())
        .contains("1 of 3 records are invalid")
        .contains("io.pipeline.schemas.iot.TelemetryReading")
        .contains("none was written");
    assertThat(answer.get("errors")).hasSize(1);
    JsonNode error = answer.get("errors").get(0);
    assertThat(error.get("index").intValue()).isEqualTo(1);
    assertThat(error.get("path").textValue()).isEqualTo("$.records[1].value.attributes.site");
    assertThat(error.get("reason").textValue()).isEqualTo("expected a string, got 5");
    assertThat(
            TopicReader.awaitMatching(
                bootstrap,
                PipelineTopics.IOT_TELEMETRY,
                r -> device.equals(r.key()),
                1,
                Duration.ofSeconds(2),
                Duration.ZERO))
        .isEmpty();
  }

  @Test
  void shouldAnswer400WithLineAndColumnWhenBodyIsMalformed() throws Exception {
    HttpResponse<String> response =
        post(PipelineTopics.IOT_TELEMETRY, "{\"records\": [\n  {\"value\": {\"a\": }}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("message").textValue())
        .startsWith("malformed JSON at line 2, column 19: Unexpected character ('}'");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void shouldAnswer404NamingTheTopicWhenItDoesNotExist() throws Exception {
    String missing = LocalStack.uniqueName("missing");

    HttpResponse<String> response = post(missing, records("{\"value\": 1}"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("message").textValue())
        .isEqualTo("topic '" + missing + "' does not exist; create it first");
  }

  @Test
  void shouldRefuseInternalTopicsOtherMethodsAndBodiesThatAreNotJson() throws Exception {
    HttpResponse<String> internal =
        post("_pipeline.produce.idempotency", records("{\"value\": 1}"));
    HttpResponse<String> notJson =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/topics/" + PipelineTopics.IOT_TELEMETRY))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a,b"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> getTopic = get("/topics/" + PipelineTopics.IOT_TELEMETRY);

    assertThat(internal.statusCode()).isEqualTo(403);
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(notJson.body()).get("message").textValue())
        .isEqualTo("expected a JSON body (application/json), got text/csv");
    assertThat(getTopic.statusCode()).isEqualTo(405);
    assertThat(getTopic.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void shouldAnswer404InJsonForAnUnknownPath() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/nothing/here")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("message").textValue())
        .startsWith("no such path: /nothing/here");
  }

  @Test
  void shouldAnswer413WhenBodyIsOverTheLimit() throws Exception {
    String topic = createTopic(LocalStack.uniqueName("big"), Map.of());
    String body = records("{\"value\": \"" + "x".repeat(MAX_BODY) + "\"}");

    HttpResponse<String> response = post(topic, body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).get("message").textValue())
        .contains("request body over " + MAX_BODY + " bytes");
  }

  @Test
  void shouldAnswer413WhenRecordIsOverTheTopicsMaxMessageBytes() throws Exception {
    String topic = createTopic(LocalStack.uniqueName("small"), Map.of("max.message.bytes", "2048"));
    String body = records("{\"value\": \"small\"}", "{\"value\": \"" + "x".repeat(4000) + "\"}");

    HttpResponse<String> response = post(topic, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
    assertThat(error.get("index").intValue()).isEqualTo(1);
    assertThat(error.get("reason").textValue()).contains("max.message.bytes of 2048");
    assertThat(TopicReader.read(bootstrap, topic, 1, Duration.ofSeconds(2), Duration.ZERO))
        .isEmpty();
  }

  @Test
  void shouldWriteOnceAndAnswerTheSameOffsetWhenAnIdempotencyKeyIsPostedAgain() throws Exception {
    String topic = createTopic(LocalStack.uniqueName("orders"), Map.of());
    String body =
        records(
            "{\"key\": \"o-1\", \"value\": {\"amount\": 10.50}, \"idempotencyKey\": \"order-1\"}");

    HttpResponse<String> first = post(topic, body);
    HttpResponse<String> second = post(topic, body);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    JsonNode written = JSON.readTree(first.body()).get("offsets").get(0);
    JsonNode again = JSON.readTree(second.body()).get("offsets").get(0);
    assertThat(again.get("offset")).isEqualTo(written.get("offset"));
    assertThat(again.get("partition")).isEqualTo(written.get("partition"));
    assertThat(again.get("duplicate").booleanValue()).isTrue();
    assertThat(written.has("duplicate")).isFalse();
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.read(bootstrap, topic, 2, Duration.ofSeconds(3), Duration.ZERO);
    assertThat(records).hasSize(1);
    assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"amount\":10.50}");
    Header header = records.get(0).headers().lastHeader(RecordWriter.IDEMPOTENCY_HEADER);
    assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("order-1");
  }

  @Test
  void shouldKeepTheIdempotencyPromiseAcrossARestart() throws Exception {
    String topic = createTopic(LocalStack.uniqueName("payments"), Map.of());
    String body =
        records(
            "{\"value\": {\"n\": 1}, \"idempotencyKey\": \"pay-1\"}",
            "{\"value\": {\"n\": 2}, \"idempotencyKey\": \"pay-2\"}");
    HttpResponse<String> first = post(topic, body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

    server.close();
    server = start(metrics);
    HttpResponse<String> afterRestart =
        post(
            topic,
            records(
                "{\"value\": {\"n\": 2}, \"idempotencyKey\": \"pay-2\"}",
                "{\"value\": {\"n\": 3}, \"idempotencyKey\": \"pay-3\"}"));

    assertThat(afterRestart.statusCode()).as(afterRestart.body()).isEqualTo(200);
    JsonNode before = JSON.readTree(first.body()).get("offsets");
    JsonNode after = JSON.readTree(afterRestart.body()).get("offsets");
    assertThat(after.get(0).get("offset")).isEqualTo(before.get(1).get("offset"));
    assertThat(after.get(0).get("duplicate").booleanValue()).isTrue();
    assertThat(after.get(1).has("duplicate")).isFalse();
    assertThat(TopicReader.read(bootstrap, topic, 4, Duration.ofSeconds(3), Duration.ZERO))
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
  }

  @Test
  void shouldCountProducedRecordsInPrometheusMetrics() throws Exception {
    String topic = createTopic(LocalStack.uniqueName("counted"), Map.of());
    assertThat(post(topic, records("{\"value\": 1}", "{\"value\": 2}")).statusCode())
        .isEqualTo(200);
    assertThat(post(topic, records("{\"value\": 3}", "{\"bad\": 4}")).statusCode()).isEqualTo(422);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
    String tags = "{mapping=\"\",source=\"http\",topic=\"" + topic + "\"}";
    assertThat(response.body().lines())
        .contains("pipeline_ingest_messages_in_total" + tags + " 4.0")
        .contains("pipeline_ingest_messages_out_total" + tags + " 2.0")
        .contains(
            "pipeline_ingest_errors_total{mapping=\"\",reason=\"invalid\",source=\"http\",topic=\""
                + topic
                + "\"} 1.0")
        .contains("pipeline_ingest_in_flight{mapping=\"\",source=\"http\",topic=\"\"} 0.0")
        .anySatisfy(l -> assertThat(l).startsWith("pipeline_ingest_kafka_ack_seconds_count{"))
        .anySatisfy(l -> assertThat(l).startsWith("jvm_memory_used_bytes{"))
        .anySatisfy(l -> assertThat(l).startsWith("kafka_producer_record_send_total{"));
  }

  @Test
  void shouldReportHealthOfEveryPart() throws Exception {
    HttpResponse<String> up = get("/health");
    bridgeUp.set(false);
    HttpResponse<String> down = get("/health");

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(up.body()))
        .isEqualTo(JSON.readTree("{\"status\": \"UP\", \"parts\": {\"bridge\": \"UP\"}}"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(down.body()))
        .isEqualTo(JSON.readTree("{\"status\": \"DOWN\", \"parts\": {\"bridge\": \"DOWN\"}}"));
  }

  private IngestHttpServer start(ServiceMetrics metrics) {
    return IngestHttpServer.builder(
            new IngestHttpConfig("localhost", 0, MAX_BODY, Duration.ofHours(1), 10_000),
            KafkaSettings.of(bootstrap),
            topics,
            schemas,
            new IngestMetrics(metrics.registry()))
        .health(() -> Map.of("bridge", PartHealth.of(bridgeUp.get())))
        .start();
  }

  private HttpResponse<String> post(String topic, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve("/topics/" + topic))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String records(String... records) {
    return "{\"records\": [" + String.join(", ", records) + "]}";
  }

  private static String telemetry(String device, String readingId, String value) {
    return "{\"key\": \""
        + device
        + "\", \"value\": {\"readingId\": \""
        + readingId
        + "\", \"deviceId\": \""
        + device
        + "\", \"metric\": \"temp\", \"value\": "
        + value
        + ", \"eventTime\": \"2026-11-25T10:00:00Z\", \"attributes\": {\"site\": \"north\"}}}";
  }

  private static String createTopic(String name, Map<String, String> configs) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(new NewTopic(name, Optional.of(2), Optional.empty()).configs(configs)))
          .all()
          .get();
      new TopicAdmin(admin).awaitLeaders(List.of(name));
    }
    return name;
  }
}
