package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.mqtt.MqttEndpoint;
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
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class MqttBridgeIT {

  @Test
  void shouldCopyEveryQos1MessageKeyedByDevice(LocalStack stack) {
    String bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
    MqttEndpoint broker = stack.mqtt();
    String root = LocalStack.uniqueName("site");
    MqttBridgeConfig config =
        new MqttBridgeConfig(
            Optional.of(broker.uri()),
            List.of(root + "/+/telemetry"),
            1,
            LocalStack.uniqueName("group"),
            LocalStack.uniqueName("bridge"),
            65535);

    try (MqttBridge bridge =
        new MqttBridge(config, KafkaSettings.of(bootstrap), topics, Clock.systemUTC())) {
      bridge.start();
      Mqtt5BlockingClient device = MqttTraffic.device(broker);
      for (int i = 0; i < 500; i++) {
        device
            .publishWith()
            .topic(root + "/sensor-" + (i % 5) + "/telemetry")
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(("{\"seq\": " + i + "}").getBytes(StandardCharsets.UTF_8))
            .send();
      }
      device.disconnect();

      List<ConsumerRecord<String, byte[]>> records =
          awaitRecords(bootstrap, topics.mqttMessages(), root, 500);
      Topic<String, MqttMessage> topic = topics.mqttMessages();
      List<MqttMessage> messages =
          records.stream()
              .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
              .toList();

      assertThat(messages).hasSize(500);
      assertThat(records)
          .extracting(ConsumerRecord::key)
          .containsOnly("sensor-0", "sensor-1", "sensor-2", "sensor-3", "sensor-4");
      assertThat(messages)
          .extracting(m -> StandardCharsets.UTF_8.decode(m.getPayload()).toString())
          .doesNotHaveDuplicates()
          .contains("{\"seq\": 0}", "{\"seq\": 499}");
      assertThat(messages.get(0).getQos()).isEqualTo(1);
      assertThat(messages.get(0).getBridgeId()).isEqualTo(config.clientId());
    }
  }

  private static List<ConsumerRecord<String, byte[]>> awaitRecords(
      String bootstrap, Topic<String, MqttMessage> topic, String root, int count) {
    return TopicReader.awaitMatching(
        bootstrap,
        topic.name(),
        r ->
            topic
                .valueSerde()
                .deserializer()
                .deserialize(topic.name(), r.value())
                .getTopic()
                .startsWith(root + "/"),
        count,
        Duration.ofSeconds(60),
        Duration.ofSeconds(1));
  }
}
