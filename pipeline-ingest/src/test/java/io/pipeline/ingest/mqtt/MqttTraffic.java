package io.pipeline.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Numbered QoS 1 messages from simulated devices under a topic root, and the messages of that root
 * the bridge wrote to Kafka.
 */
final class MqttTraffic {

  private MqttTraffic() {}

  /** A connected device client. */
  static Mqtt5BlockingClient device(MqttEndpoint broker) {
    Mqtt5BlockingClient device =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(LocalStack.uniqueName("device"))
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    device.connect();
    return device;
  }

  /** Publishes messages {@code from} to {@code to} (their number is the payload) from devices. */
  static void publish(Mqtt5BlockingClient client, String root, int devices, int from, int to) {
    for (int i = from; i < to; i++) {
      client
          .publishWith()
          .topic(root + "/sensor-" + (i % devices) + "/telemetry")
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
          .send();
    }
  }

  /**
   * The root's messages in Kafka once {@code count} arrived (or 90 s passed), duplicates included.
   */
  static List<MqttMessage> received(
      String bootstrap, Topic<String, MqttMessage> topic, String root, int count) {
    return TopicReader.awaitMatching(
            bootstrap,
            topic.name(),
            r -> decode(topic, r.value()).getTopic().startsWith(root + "/"),
            count,
            Duration.ofSeconds(90),
            Duration.ofSeconds(1))
        .stream()
        .map(r -> decode(topic, r.value()))
        .toList();
  }

  /** The distinct message numbers among messages. */
  static Set<Integer> numbers(List<MqttMessage> messages) {
    return messages.stream()
        .map(m -> Integer.valueOf(StandardCharsets.UTF_8.decode(m.getPayload()).toString()))
        .collect(Collectors.toSet());
  }

  private static MqttMessage decode(Topic<String, MqttMessage> topic, byte[] value) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }
}
