package io.pipeline.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.common.config.Settings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
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
   * Publishes messages {@code from} to {@code to} at a steady rate through the asynchronous API,
   * and returns once the broker acknowledged them all.
   */
  static void publishPaced(
      Mqtt5BlockingClient client, String root, int devices, int from, int to, int perSecond) {
    Mqtt5AsyncClient async = client.toAsync();
    List<CompletableFuture<?>> sent = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      long wait = start + (i - from) * 1_000_000_000L / perSecond - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      sent.add(send(async, root, devices, i));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
  }

  /**
   * Publishes {@code count} numbered messages from {@code devices} clients of their own, each
   * sending without waiting for the broker's acknowledgements, and returns once all are
   * acknowledged.
   */
  static void publishAtOnce(MqttEndpoint broker, String root, int devices, int count) {
    publishAtOnce(broker, root, devices, 0, count);
  }

  /** As {@link #publishAtOnce(MqttEndpoint, String, int, int)}, numbered from {@code first}. */
  static void publishAtOnce(MqttEndpoint broker, String root, int devices, int first, int count) {
    List<Mqtt5AsyncClient> clients = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      clients.add(device(broker).toAsync());
    }
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      sent.add(send(clients.get(i % devices), root, devices, i));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    clients.forEach(c -> c.disconnect().join());
  }

  /** Sends message {@code i} of its device, without waiting for the broker's acknowledgement. */
  private static CompletableFuture<?> send(
      Mqtt5AsyncClient client, String root, int devices, int i) {
    return client
        .publishWith()
        .topic(root + "/sensor-" + (i % devices) + "/telemetry")
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
        .send();
  }

  /**
   * The root's messages in Kafka, duplicates included, once {@code count} distinct message numbers
   * arrived (or 120 s passed).
   */
  static List<MqttMessage> received(
      String bootstrap, Topic<String, MqttMessage> topic, String root, int count) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    List<MqttMessage> messages = List.of();
    int wanted = count;
    while (true) {
      messages =
          TopicReader.awaitMatching(
                  bootstrap,
                  topic.name(),
                  r -> decode(topic, r.value()).getTopic().startsWith(root + "/"),
                  wanted,
                  Duration.between(Instant.now(), deadline),
                  Duration.ofSeconds(1))
              .stream()
              .map(r -> decode(topic, r.value()))
              .toList();
      int missing = count - numbers(messages).size();
      if (missing <= 0 || Instant.now().isAfter(deadline)) {
        return messages;
      }
      // Duplicates made up part of the count: wait for as many more records as are missing.
      wanted = messages.size() + missing;
    }
  }

  /** A bridge configuration mapping {@code <root>/+/telemetry} to the raw MQTT topic. */
  static MqttBridgeConfig telemetryConfig(MqttEndpoint broker, String root) {
    return config(broker, telemetryMapping(root));
  }

  /**
   * The same, taking at most {@code inFlight} messages at a time ({@code MQTT_BRIDGE_IN_FLIGHT}).
   */
  static MqttBridgeConfig telemetryConfig(MqttEndpoint broker, String root, int inFlight) {
    Map<String, String> env = new HashMap<>(env(broker, telemetryMapping(root)));
    env.put(MqttBridgeConfig.IN_FLIGHT.name(), String.valueOf(inFlight));
    return MqttBridgeConfig.from(Settings.of(env));
  }

  /** Mappings JSON: {@code <root>/+/telemetry} to the raw MQTT topic, keyed by device. */
  static String telemetryMapping(String root) {
    return "[{\"filter\": \"" + root + "/+/telemetry\", \"key\": \"level:1\"}]";
  }

  /** A bridge configuration with these mappings, in a group and session of its own. */
  static MqttBridgeConfig config(MqttEndpoint broker, String mappingsJson) {
    return MqttBridgeConfig.from(Settings.of(env(broker, mappingsJson)));
  }

  /** The bridge's settings as environment variables. */
  static Map<String, String> env(MqttEndpoint broker, String mappingsJson) {
    return Map.of(
        "MQTT_URL", broker.uri().toString(),
        "MQTT_BRIDGE_MAPPINGS", mappingsJson,
        "MQTT_BRIDGE_GROUP", LocalStack.uniqueName("group"),
        "MQTT_BRIDGE_CLIENT_ID", LocalStack.uniqueName("bridge"));
  }

  /** The distinct message numbers among messages. */
  static Set<Integer> numbers(List<MqttMessage> messages) {
    return messages.stream()
        .map(
            m ->
                Integer.valueOf(
                    StandardCharsets.UTF_8.decode(m.getPayload().duplicate()).toString()))
        .collect(Collectors.toSet());
  }

  static MqttMessage decode(Topic<String, MqttMessage> topic, byte[] value) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }
}
