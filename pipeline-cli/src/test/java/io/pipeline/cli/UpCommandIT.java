package io.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.localstack.Ports;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.localstack.s3.EmbeddedS3Server;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.orchestrator.api.ApiRequestSigner;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The walking skeleton through {@code ./pipeline up}'s own code path, in a child JVM. */
class UpCommandIT {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  /** Signs as the AWS SDKs do, with the access key {@code up} accepts by default. */
  private static final ApiRequestSigner SIGNER =
      new ApiRequestSigner(
          ApiCredentials.LOCAL_ACCESS_KEY_ID,
          ApiCredentials.LOCAL_SECRET_ACCESS_KEY,
          "us-east-1",
          Clock.systemUTC());

  @TempDir Path dir;

  @Test
  void shouldTurnUploadedObjectIntoEventAndKeepStateAcrossRestart() throws Exception {
    int kafkaPort = Ports.free();
    int s3Port = Ports.free();
    int mqttPort = Ports.free();
    int httpPort = Ports.free();
    int sqsPort = Ports.free();
    int apiPort = Ports.free();
    String bootstrap = "localhost:" + kafkaPort;
    S3Endpoint s3 =
        new S3Endpoint(
            URI.create("http://localhost:" + s3Port),
            EmbeddedS3Server.REGION,
            EmbeddedS3Server.ACCESS_KEY,
            EmbeddedS3Server.SECRET_KEY);

    try (ChildJvm up =
            startUp(kafkaPort, s3Port, mqttPort, httpPort, sqsPort, apiPort, "first.log");
        S3Client client = s3.newClient()) {
      assertThat(up.awaitOutput("Pipeline is ready", STARTUP)).as(up.output()).isTrue();
      assertThat(up.output())
          .contains("Kafka bootstrap:  " + bootstrap)
          .contains("http://localhost:" + s3Port)
          .contains(
              "Console:          http://localhost:"
                  + apiPort
                  + "/console/  (sign in as 'pipeline', password 'pipeline-secret')");

      client.putObject(
          b -> b.bucket("landing").key("incoming/orders.csv"), RequestBody.fromString("id\n1\n"));

      assertThat(events(bootstrap, 1))
          .extracting(S3ObjectEvent::getKey, S3ObjectEvent::getSource)
          .containsExactly(tuple("incoming/orders.csv", S3EventSource.SQS_NOTIFICATION));

      assertThat(up.output())
          .as(up.output())
          .contains("MQTT:             mqtt://localhost:" + mqttPort);
      Mqtt5BlockingClient device =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("device-d1")
              .serverHost("localhost")
              .serverPort(mqttPort)
              .buildBlocking();
      device.connect();
      device
          .publishWith()
          .topic("devices/d1/telemetry")
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload("{\"t\": 21.5}".getBytes())
          .send();
      device.disconnect();
      assertThat(
              TopicReader.read(
                  bootstrap,
                  PipelineTopics.MQTT_MESSAGES,
                  1,
                  Duration.ofSeconds(30),
                  Duration.ZERO))
          .extracting(r -> r.key())
          .containsExactly("d1");
      assertThat(up.output())
          .contains("Produce: curl -X POST http://localhost:" + httpPort + "/topics/");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> produced =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:"
                              + httpPort
                              + "/topics/"
                              + PipelineTopics.IOT_TELEMETRY))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"records\": [{\"key\": \"d1\", \"value\": {\"readingId\":"
                              + " \"r1\", \"deviceId\": \"d1\", \"metric\": \"temp\","
                              + " \"value\": 21.5, \"eventTime\": \"2026-01-01T00:00:00Z\"}}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(produced.statusCode()).as(produced.body()).isEqualTo(200);
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body())
          .contains("\"s3-notifications\":\"UP\"")
          .contains("\"mqtt\":\"UP\"")
          .contains("\"http\":\"UP\"");
      String transform =
          up.output()
              .lines()
              .filter(line -> line.trim().startsWith("Transform:"))
              .map(line -> line.trim().split("\\s+")[1])
              .findFirst()
              .orElseThrow();
      HttpResponse<String> transformHealth =
          http.send(
              HttpRequest.newBuilder(URI.create(transform + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(transformHealth.body()).contains("\"pipeline-telemetry\":\"");
      // The API's default access key, which the requests below sign with.
      assertThat(up.output())
          .as(up.output())
          .contains("access key 'pipeline', secret 'pipeline-secret'");
      HttpResponse<String> created =
          http.send(
              SIGNER.request(
                  api(apiPort),
                  "CreateStateMachine",
                  ("{\"name\": \"hello\", \"roleArn\":"
                          + " \"arn:aws:iam::000000000000:role/pipeline\", \"definition\":"
                          + " \"{\\\"StartAt\\\": \\\"Hi\\\", \\\"States\\\":"
                          + " {\\\"Hi\\\": {\\\"Type\\\": \\\"Pass\\\","
                          + " \\\"End\\\": true}}}\"}")
                      .getBytes(StandardCharsets.UTF_8)),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      assertThat(created.body())
          .contains("arn:aws:states:us-east-1:000000000000:stateMachine:hello");
      up.kill();
    }

    try (ChildJvm again =
            startUp(kafkaPort, s3Port, mqttPort, httpPort, sqsPort, apiPort, "second.log");
        S3Client client = s3.newClient()) {
      assertThat(again.awaitOutput("Pipeline is ready", STARTUP)).as(again.output()).isTrue();
      client.putObject(
          b -> b.bucket("landing").key("incoming/more.csv"), RequestBody.fromString("id\n2\n"));

      assertThat(events(bootstrap, 2))
          .extracting(S3ObjectEvent::getKey)
          .containsExactlyInAnyOrder("incoming/orders.csv", "incoming/more.csv");

      // The state machine outlives the restart: it lives in Kafka.
      HttpResponse<String> described =
          HttpClient.newHttpClient()
              .send(
                  SIGNER.request(
                      api(apiPort),
                      "DescribeStateMachine",
                      ("{\"stateMachineArn\":"
                              + " \"arn:aws:states:us-east-1:000000000000:stateMachine:hello\"}")
                          .getBytes(StandardCharsets.UTF_8)),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
      assertThat(described.body()).contains("\"status\":\"ACTIVE\"");
      again.stop();
      assertThat(again.output()).contains("Stopping...");
    }
    // A clean stop leaves nothing behind: every port can be bound again.
    for (int port : new int[] {kafkaPort, s3Port, mqttPort, httpPort, sqsPort, apiPort}) {
      Ports.requireFree(port, "port " + port);
    }
  }

  private ChildJvm startUp(
      int kafkaPort, int s3Port, int mqttPort, int httpPort, int sqsPort, int apiPort, String log) {
    return UpJvm.start(
        dir.resolve("data"),
        new UpJvm.Ports(kafkaPort, s3Port, mqttPort, httpPort, sqsPort, apiPort),
        Map.of(),
        dir.resolve(log));
  }

  private static List<S3ObjectEvent> events(String bootstrap, int expected) {
    Topic<String, S3ObjectEvent> topic =
        new PipelineTopics(SchemaCatalog.builtIn()).s3ObjectEvents();
    return TopicReader.read(
            bootstrap, topic.name(), expected, Duration.ofSeconds(30), Duration.ofSeconds(2))
        .stream()
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }

  private static URI api(int port) {
    return URI.create("http://localhost:" + port + "/");
  }
}
