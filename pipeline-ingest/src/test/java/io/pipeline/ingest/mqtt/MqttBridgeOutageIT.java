package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.EmbeddedKafkaBroker;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka broker goes away while devices publish: once it is back, every message is in Kafka. */
@ExtendWith(LocalStackExtension.class)
class MqttBridgeOutageIT {

  private static final int MESSAGES = 600;

  @TempDir Path kafkaData;

  @Test
  void shouldLoseNothingWhenKafkaIsDownWhileDevicesPublish(LocalStack stack) throws Exception {
    MqttEndpoint broker = stack.mqtt();
    String root = LocalStack.uniqueName("outage");
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.launch(kafkaData, 0, Map.of())) {
      String bootstrap = kafka.bootstrapServers();
      PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
      PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
      MqttBridgeConfig config =
          new MqttBridgeConfig(
              Optional.of(broker.uri()),
              List.of(root + "/+/telemetry"),
              1,
              LocalStack.uniqueName("group"),
              LocalStack.uniqueName("bridge"),
              65535);
      Mqtt5BlockingClient device =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier(LocalStack.uniqueName("device"))
              .serverHost(broker.host())
              .serverPort(broker.port())
              .buildBlocking();
      device.connect();

      try (MqttBridge bridge =
          new MqttBridge(config, KafkaSettings.of(bootstrap), topics, Clock.systemUTC())) {
        bridge.start();
        publish(device, root, 0, MESSAGES / 3);
        kafka.stop();
        publish(device, root, MESSAGES / 3, 2 * MESSAGES / 3);
        Thread.sleep(5_000);
        kafka.start();
        publish(device, root, 2 * MESSAGES / 3, MESSAGES);

        Set<Integer> received = sequences(bootstrap, topics.mqttMessages(), root);

        assertThat(received).hasSize(MESSAGES);
      } finally {
        device.disconnect();
      }
    }
  }

  private static void publish(Mqtt5BlockingClient device, String root, int from, int to) {
    for (int i = from; i < to; i++) {
      device
          .publishWith()
          .topic(root + "/sensor-" + (i % 3) + "/telemetry")
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
          .send();
    }
  }

  /** The distinct message numbers in Kafka, once all arrived or a minute passed. */
  private static Set<Integer> sequences(
      String bootstrap, Topic<String, MqttMessage> topic, String root) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Set<Integer> seen;
    do {
      seen =
          TopicReader.read(
                  bootstrap, topic.name(), Integer.MAX_VALUE, Duration.ZERO, Duration.ofMillis(500))
              .stream()
              .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
              .filter(m -> m.getTopic().startsWith(root + "/"))
              .map(m -> Integer.valueOf(StandardCharsets.UTF_8.decode(m.getPayload()).toString()))
              .collect(Collectors.toSet());
    } while (seen.size() < MESSAGES && System.nanoTime() < deadline);
    return seen;
  }
}
