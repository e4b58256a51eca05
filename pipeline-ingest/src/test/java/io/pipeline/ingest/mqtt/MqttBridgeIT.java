package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class MqttBridgeIT {

  private static final int MESSAGES = 10_000;
  private static final int DEVICES = 10;

  private static String bootstrap;
  private static SchemaCatalog catalog;
  private static PipelineTopics topics;
  private static MqttEndpoint broker;
  private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());

  @BeforeAll
  static void prepare(LocalStack stack) {
    bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    catalog = SchemaCatalog.builtIn();
    topics = new PipelineTopics(catalog);
    broker = stack.mqtt();
  }

  @Test
  void shouldCopyEveryQos1MessageKeyedByDeviceWithItsProperties() {
    String root = LocalStack.uniqueName("site");
    MqttBridgeConfig config = MqttTraffic.telemetryConfig(broker, root);

    try (MqttBridge bridge = bridge(config)) {
      bridge.start();
      Mqtt5BlockingClient device = MqttTraffic.device(broker);
      MqttTraffic.publish(device, root, DEVICES, 0, MESSAGES);
      device
          .publishWith()
          .topic(root + "/sensor-0/telemetry")
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(String.valueOf(MESSAGES).getBytes(StandardCharsets.UTF_8))
          .contentType("text/plain")
          .userProperties()
          .add("firmware", "1.4.2")
          .applyUserProperties()
          .send();
      device.disconnect();

      List<ConsumerRecord<String, byte[]>> records =
          TopicReader.awaitMatching(
              bootstrap,
              topics.mqttMessages().name(),
              under(topics.mqttMessages(), root),
              MESSAGES + 1,
              Duration.ofSeconds(90),
              Duration.ofSeconds(1));
      List<MqttMessage> messages = records.stream().map(r -> envelope(r.value())).toList();

      assertThat(MqttTraffic.numbers(messages)).hasSize(MESSAGES + 1);
      assertThat(records).extracting(ConsumerRecord::key).containsOnly(devices());
      assertThat(messages.get(0).getQos()).isEqualTo(1);
      assertThat(messages.get(0).getBridgeId()).isEqualTo(config.clientId());
      ConsumerRecord<String, byte[]> last =
          records.stream()
              .filter(
                  r ->
                      StandardCharsets.UTF_8
                          .decode(envelope(r.value()).getPayload())
                          .toString()
                          .equals(String.valueOf(MESSAGES)))
              .findFirst()
              .orElseThrow();
      assertThat(header(last, "mqtt.topic")).isEqualTo(root + "/sensor-0/telemetry");
      assertThat(header(last, "mqtt.content-type")).isEqualTo("text/plain");
      assertThat(header(last, "firmware")).isEqualTo("1.4.2");
    }
  }

  @Test
  void shouldDecodeTelemetryAndKeepUndecodableOrOversizedMessagesAsDeadLetters() {
    String root = LocalStack.uniqueName("plant");
    String mappings =
        "[{\"name\": \"readings\", \"filter\": \""
            + root
            + "/+/readings\", \"topic\": \"pipeline.iot.telemetry\", \"format\": \"json\","
            + " \"key\": \"level:1\", \"fields\": {\"deviceId\": \"level:1\"}},"
            + " {\"name\": \"raw\", \"filter\": \""
            + root
            + "/+/raw\", \"key\": \"level:1\"}]";

    try (MqttBridge bridge = bridge(MqttTraffic.config(broker, mappings))) {
      bridge.start();
      Mqtt5BlockingClient device = MqttTraffic.device(broker);
      publish(device, root + "/press-1/readings", reading(root + "-r-1", 3.5));
      publish(
          device,
          root + "/press-1/readings",
          "{\"readingId\": \"r-2\", \"value\": ".getBytes(StandardCharsets.UTF_8));
      publish(device, root + "/press-1/raw", new byte[2 * 1024 * 1024]);
      publish(device, root + "/press-2/readings", reading(root + "-r-3", 4.0));
      device.disconnect();

      List<TelemetryReading> readings =
          TopicReader.awaitMatching(
                  bootstrap,
                  topics.iotTelemetry().name(),
                  r -> telemetry(r.value()).getReadingId().startsWith(root),
                  2,
                  Duration.ofSeconds(60),
                  Duration.ofSeconds(1))
              .stream()
              .map(r -> telemetry(r.value()))
              .toList();
      List<DeadLetter> letters =
          TopicReader.awaitMatching(
                  bootstrap,
                  topics.ingestDeadLetters().name(),
                  r -> deadLetter(r.value()).getOrigin().startsWith("mqtt:" + root + "/"),
                  2,
                  Duration.ofSeconds(60),
                  Duration.ofSeconds(1))
              .stream()
              .map(r -> deadLetter(r.value()))
              .toList();

      assertThat(readings)
          .extracting(TelemetryReading::getReadingId, TelemetryReading::getDeviceId)
          .containsExactly(tuple(root + "-r-1", "press-1"), tuple(root + "-r-3", "press-2"));
      assertThat(letters).hasSize(2);
      assertThat(letters.get(0).getReason())
          .startsWith("mapping 'readings': payload is not JSON")
          .contains("line 1");
      assertThat(letters.get(1).getReason())
          .contains("over Kafka's size limit")
          .contains("'pipeline.mqtt.messages'");
      assertThat(letters.get(1).getPayload().remaining()).isEqualTo(64 * 1024);
      assertThat(bridge.inFlight()).isZero();
      Tags readingsTags =
          IngestMetrics.mapping("readings").and(IngestMetrics.topic("pipeline.iot.telemetry"));
      assertThat(metrics.messagesIn("mqtt", readingsTags).count()).isEqualTo(3);
      assertThat(metrics.messagesOut("mqtt", readingsTags).count()).isEqualTo(2);
      assertThat(metrics.deadLetters("mqtt", readingsTags).count()).isEqualTo(1);
      assertThat(metrics.kafkaAck("mqtt", readingsTags).count()).isEqualTo(3);
      assertThat(bridge.isConnected()).isTrue();
    }
  }

  @Test
  void shouldTakeNoMoreThanItsInFlightLimitHoweverFastTheBrokerSends() throws Exception {
    // Ten devices publish without waiting, so the broker pushes the bridge as hard as it can:
    // Mosquitto 2.0.11 then sends past a client's Receive Maximum, and a bridge that relied on it
    // dropped its connection on every reconnection, copying nothing more.
    String root = LocalStack.uniqueName("line");
    int limit = 50;
    AtomicLong toKafka = metrics.inFlight(MqttBridge.SOURCE, Tags.empty());
    AtomicLong most = new AtomicLong();

    try (MqttBridge bridge = bridge(MqttTraffic.telemetryConfig(broker, root, limit))) {
      bridge.start();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(
          () -> most.accumulateAndGet(toKafka.get(), Math::max), 0, 200, TimeUnit.MICROSECONDS);
      try {
        MqttTraffic.publishAtOnce(broker, root, DEVICES, MESSAGES);
        List<MqttMessage> messages =
            MqttTraffic.received(bootstrap, topics.mqttMessages(), root, MESSAGES);

        assertThat(MqttTraffic.numbers(messages)).hasSize(MESSAGES);
      } finally {
        sampler.shutdownNow();
      }
      assertThat(most.get()).isBetween(1L, (long) limit);
      assertThat(bridge.isConnected()).isTrue();
    }
  }

  private MqttBridge bridge(MqttBridgeConfig config) {
    return new MqttBridge(
        config, KafkaSettings.of(bootstrap), topics, catalog, metrics, Clock.systemUTC());
  }

  private static void publish(Mqtt5BlockingClient device, String topic, byte[] payload) {
    device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
  }

  private static byte[] reading(String id, double value) {
    return ("{\"readingId\": \""
            + id
            + "\", \"metric\": \"pressure\", \"value\": "
            + value
            + ", \"eventTime\": \"2026-11-25T10:00:00Z\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String[] devices() {
    return IntStream.range(0, DEVICES).mapToObj(i -> "sensor-" + i).toArray(String[]::new);
  }

  private static Predicate<ConsumerRecord<String, byte[]>> under(
      Topic<String, MqttMessage> topic, String root) {
    return r -> MqttTraffic.decode(topic, r.value()).getTopic().startsWith(root + "/");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static MqttMessage envelope(byte[] value) {
    return MqttTraffic.decode(topics.mqttMessages(), value);
  }

  private static TelemetryReading telemetry(byte[] value) {
    return topics.iotTelemetry().valueSerde().deserializer().deserialize("t", value);
  }

  private static DeadLetter deadLetter(byte[] value) {
    return topics.ingestDeadLetters().valueSerde().deserializer().deserialize("t", value);
  }
}
