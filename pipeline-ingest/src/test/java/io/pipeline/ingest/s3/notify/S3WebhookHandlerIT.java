package io.pipeline.ingest.s3.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The webhook handler mounted at /s3/webhook of a bare Jetty server, writing to the broker. */
@ExtendWith(LocalStackExtension.class)
class S3WebhookHandlerIT {

  private static final String TOKEN = "webhook-secret";
  private static KafkaSettings kafka;
  private static PipelineTopics topics;
  private final HttpClient http = HttpClient.newHttpClient();
  private NotificationPublisher publisher;
  private Server server;
  private URI webhook;
  private String bucket;

  @BeforeAll
  static void prepare(LocalStack stack) {
    kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    PipelineKafka.prepare(kafka, Settings.of(Map.of())).close();
    topics = new PipelineTopics(SchemaCatalog.builtIn());
  }

  @BeforeEach
  void startServer() throws Exception {
    bucket = LocalStack.uniqueName("minio");
    publisher =
        new NotificationPublisher(
            kafka,
            topics,
            "webhook-it",
            new IngestMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC());
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ContextHandler context =
        new ContextHandler(
            new S3WebhookHandler(publisher, Optional.of(TOKEN)), S3WebhookHandler.PATH);
    // MinIO posts to the path itself, without a trailing slash.
    context.setAllowNullPathInContext(true);
    server.setHandler(context);
    server.start();
    webhook = URI.create("http://127.0.0.1:" + connector.getLocalPort() + S3WebhookHandler.PATH);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
    publisher.close();
  }

  @Test
  void shouldAnswerOkOnlyWhenRecordIsInKafka() throws Exception {
    // when
    HttpResponse<String> response = post("Bearer " + TOKEN, minioEvent("in/a b.csv"));

    // then: acknowledged, so already in Kafka
    assertThat(response.statusCode()).isEqualTo(200);
    Topic<String, S3Notification> topic = topics.s3Notifications();
    List<S3Notification> written =
        TopicReader.awaitMatching(
                kafka.bootstrapServers(),
                topic.name(),
                r -> r.key().equals(bucket + "/in/a b.csv"),
                1,
                Duration.ofSeconds(5),
                Duration.ZERO)
            .stream()
            .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
            .toList();
    assertThat(written).hasSize(1);
    assertThat(written.get(0).getSource()).isEqualTo("WEBHOOK");
    assertThat(written.get(0).getEventJson()).contains("\"key\":\"in%2Fa+b.csv\"");
  }

  @Test
  void shouldRejectRequestWithoutToken() throws Exception {
    // when
    HttpResponse<String> response = post("Bearer wrong", minioEvent("x.csv"));

    // then
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldAnswerBadRequestAndDeadLetterWhenBodyIsNoNotification() throws Exception {
    // when
    HttpResponse<String> response =
        post(
            "Bearer " + TOKEN,
            "{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"" + bucket + "\"}");

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Records is missing");
    Topic<String, DeadLetter> topic = topics.ingestDeadLetters();
    List<DeadLetter> letters =
        TopicReader.awaitMatching(
                kafka.bootstrapServers(),
                topic.name(),
                r -> true,
                1,
                Duration.ofSeconds(5),
                Duration.ZERO)
            .stream()
            .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
            .filter(l -> new String(l.getPayload().array()).contains(bucket))
            .toList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getReason()).isEqualTo("Records is missing");
    assertThat(letters.get(0).getOrigin()).isEqualTo(S3WebhookHandler.PATH);
  }

  @Test
  void shouldRefuseOtherMethods() throws Exception {
    // when
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(webhook).GET().build(), HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> post(String authorization, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(webhook)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A body as MinIO's webhook target posts it (keys encoded as MinIO does, slashes too). */
  private String minioEvent(String key) {
    String encoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
    return "{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\""
        + bucket
        + "/"
        + key
        + "\",\"Records\":[{\"eventVersion\":\"2.0\",\"eventSource\":\"minio:s3\","
        + "\"awsRegion\":\"\",\"eventTime\":\"2026-03-01T10:00:00.123Z\","
        + "\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
        + "\"configurationId\":\"Config\",\"bucket\":{\"name\":\""
        + bucket
        + "\",\"arn\":\"arn:aws:s3:::"
        + bucket
        + "\"},\"object\":{\"key\":\""
        + encoded
        + "\",\"size\":3,\"eTag\":\"900150983cd24fb0d6963f7d28e17f72\","
        + "\"contentType\":\"text/csv\",\"sequencer\":\"1898A1B2C3D4E5F6\"}}}]}";
  }
}
