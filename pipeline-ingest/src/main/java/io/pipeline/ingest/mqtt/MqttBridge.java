package io.pipeline.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.mqtt.MqttUserProperty;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies MQTT messages into Kafka without losing one: it subscribes with QoS 1 in a persistent
 * session ({@code cleanStart=false}, long session expiry) and acknowledges a message to the broker
 * only once Kafka has acknowledged its record (acks=all, idempotent producer). A message Kafka
 * could not take is left unacknowledged and the bridge reconnects, so the broker delivers it again.
 * The broker sends at most {@code inFlight} unacknowledged messages: back-pressure, not a buffer.
 */
public final class MqttBridge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttBridge.class);
  private static final long SESSION_EXPIRY_SECONDS = TimeUnit.DAYS.toSeconds(7);

  private final MqttBridgeConfig config;
  private final Topic<String, MqttMessage> topic;
  private final Clock clock;
  private final KafkaProducer<String, byte[]> producer;
  private final Mqtt5AsyncClient client;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "mqtt-bridge-retry");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean closed;

  /**
   * @param config the broker, filters and key rule
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param clock the time put in {@code receivedAt}
   */
  public MqttBridge(
      MqttBridgeConfig config, KafkaSettings kafka, PipelineTopics topics, Clock clock) {
    this.config = config;
    this.topic = topics.mqttMessages();
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            kafka.clientConfig(
                Map.of(
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.LINGER_MS_CONFIG,
                    5,
                    ProducerConfig.CLIENT_ID_CONFIG,
                    "mqtt-bridge-" + config.clientId())),
            new StringSerializer(),
            new ByteArraySerializer());
    URI broker = config.broker().orElseThrow();
    this.client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(config.clientId())
            .serverHost(broker.getHost())
            .serverPort(broker.getPort() == -1 ? 1883 : broker.getPort())
            .automaticReconnect()
            .initialDelay(200, TimeUnit.MILLISECONDS)
            .maxDelay(10, TimeUnit.SECONDS)
            .applyAutomaticReconnect()
            .buildAsync();
  }

  /** Connects, resuming the bridge's session, and subscribes to its filters. */
  public void start() {
    // Registered before connecting: a resumed session delivers its queued messages right after
    // CONNACK, before any subscription's own callback could exist.
    client.publishes(MqttGlobalPublishFilter.ALL, this::forward, true);
    client
        .connectWith()
        .cleanStart(false)
        .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
        .restrictions()
        .receiveMaximum(config.inFlight())
        .applyRestrictions()
        .send()
        .join();
    for (String filter : config.filters()) {
      client
          .subscribeWith()
          .topicFilter("$share/" + config.group() + "/" + filter)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .join();
    }
    log.info(
        "MQTT bridge {} copies {} from {} to '{}'",
        config.clientId(),
        config.filters(),
        config.broker().get(),
        topic.name());
  }

  private void forward(Mqtt5Publish publish) {
    String mqttTopic = publish.getTopic().toString();
    MqttMessage message =
        MqttMessage.newBuilder()
            .setTopic(mqttTopic)
            .setPayload(ByteBuffer.wrap(publish.getPayloadAsBytes()))
            .setQos(publish.getQos().getCode())
            .setRetain(publish.isRetain())
            .setContentType(publish.getContentType().map(Object::toString).orElse(null))
            .setResponseTopic(publish.getResponseTopic().map(Object::toString).orElse(null))
            .setCorrelationData(
                publish.getCorrelationData().map(b -> ByteBuffer.wrap(bytes(b))).orElse(null))
            .setUserProperties(
                publish.getUserProperties().asList().stream()
                    .map(p -> new MqttUserProperty(p.getName().toString(), p.getValue().toString()))
                    .toList())
            .setReceivedAt(clock.instant())
            .setBridgeId(config.clientId())
            .build();
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), message);
    producer.send(
        new ProducerRecord<>(topic.name(), config.keyOf(mqttTopic), value),
        (metadata, error) -> {
          if (error == null) {
            publish.acknowledge();
          } else {
            // Not acknowledged: after the reconnect the broker delivers it again.
            log.error(
                "Kafka did not take a message from '{}'; reconnecting to have it redelivered",
                mqttTopic,
                error);
            client.disconnect();
          }
        });
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public void close() {
    closed = true;
    retries.shutdownNow();
    try {
      client.disconnect().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("MQTT bridge did not disconnect cleanly: {}", e.toString());
    }
    producer.close(Duration.ofSeconds(10));
  }
}
