package io.pipeline.transform;

import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.MetricLimits;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test devices: MQTT envelopes as the bridge writes them, registry entries, and the topology's
 * output read back, on a real broker.
 */
final class Telemetry implements AutoCloseable {

  static final PipelineTopics TOPICS = new PipelineTopics(SchemaCatalog.builtIn());

  private final KafkaProducer<String, byte[]> producer;

  Telemetry(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** A reading's JSON payload. */
  static String reading(long id, String metric, double value, Instant time) {
    return "{\"id\": %d, \"metric\": \"%s\", \"value\": %s, \"time\": \"%s\"}"
        .formatted(id, metric, value, time);
  }

  /** Sends a payload as the MQTT bridge would, from {@code devices/<device>/telemetry}. */
  void publish(String device, String payload) {
    MqttMessage envelope =
        MqttMessage.newBuilder()
            .setTopic("devices/" + device + "/telemetry")
            .setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
            .setQos(1)
            .setReceivedAt(Instant.now())
            .setBridgeId("test-bridge")
            .build();
    send(TOPICS.mqttMessages(), device, envelope);
  }

  /** Sends bytes that are no envelope at all. */
  void publishRaw(String device, byte[] bytes) {
    sync(new ProducerRecord<>(TOPICS.mqttMessages().name(), device, bytes));
  }

  /** Registers a device with one metric's limits. */
  void register(String device, String site, String metric, double min, double max) {
    DeviceRecord record =
        DeviceRecord.newBuilder()
            .setDeviceId(device)
            .setSite(site)
            .setLimits(Map.of(metric, MetricLimits.newBuilder().setMin(min).setMax(max).build()))
            .build();
    send(TOPICS.iotDevices(), device, record);
  }

  /** A record's value, read with its topic's serde. */
  static <V> V value(Topic<String, V> topic, ConsumerRecord<String, byte[]> record) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
  }

  /** The values of records read from a topic. */
  static <V> List<V> values(Topic<String, V> topic, List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> value(topic, r)).toList();
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    sync(
        new ProducerRecord<>(
            topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  private void sync(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take " + record, e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
