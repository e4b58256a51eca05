package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.Settings;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.mqtt.MqttUserProperty;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class MqttRecordsTest {

  private static final SchemaCatalog CATALOG = SchemaCatalog.builtIn();
  private static final PipelineTopics TOPICS = new PipelineTopics(CATALOG);
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static final String MAPPINGS =
      "[{\"name\": \"raw\", \"filter\": \"devices/+/telemetry\", \"key\": \"level:1\"},"
          + " {\"name\": \"readings\", \"filter\": \"plant/+/readings\", \"topic\":"
          + " \"pipeline.iot.telemetry\", \"format\": \"json\", \"key\": \"field:deviceId\","
          + " \"fields\": {\"deviceId\": \"level:1\"}},"
          + " {\"name\": \"by-field\", \"filter\": \"doors/#\", \"key\": \"field:door\"}]";

  private final MqttBridgeConfig config =
      MqttBridgeConfig.from(
          Settings.of(Map.of("MQTT_URL", "mqtt://localhost", "MQTT_BRIDGE_MAPPINGS", MAPPINGS)));
  private final MqttRecords records = new MqttRecords(config.mappings(), TOPICS, CATALOG);

  @Test
  void shouldWrapMessageInEnvelopeKeyedByTopicLevelWithPropertiesAsHeaders() {
    MqttMessage message =
        message("devices/d-1/telemetry", "not json at all")
            .setContentType("text/plain")
            .setResponseTopic("devices/d-1/replies")
            .setCorrelationData(ByteBuffer.wrap(new byte[] {1, 2}))
            .setUserProperties(
                List.of(new MqttUserProperty("site", "north"), new MqttUserProperty("site", "b")))
            .build();

    ProducerRecord<String, byte[]> record = records.toRecord(mapping("raw"), message);

    assertThat(record.topic()).isEqualTo("pipeline.mqtt.messages");
    assertThat(record.key()).isEqualTo("d-1");
    assertThat(TOPICS.mqttMessages().valueSerde().deserializer().deserialize("t", record.value()))
        .isEqualTo(message);
    assertThat(headers(record))
        .containsExactly(
            "mqtt.topic=devices/d-1/telemetry",
            "mqtt.qos=1",
            "mqtt.mapping=raw",
            "mqtt.content-type=text/plain",
            "mqtt.response-topic=devices/d-1/replies",
            "mqtt.correlation-data=\u0001\u0002",
            "site=north",
            "site=b");
  }

  @Test
  void shouldDecodeJsonIntoTheTopicsSchemaWithFieldsFromTheTopic() {
    MqttMessage message =
        message(
                "plant/press-4/readings",
                "{\"readingId\": \"press-4-17\", \"deviceId\": \"spoofed\", \"metric\":"
                    + " \"pressure\", \"value\": 3.5, \"eventTime\": \"2026-11-25T09:59:58Z\"}")
            .build();

    ProducerRecord<String, byte[]> record = records.toRecord(mapping("readings"), message);

    TelemetryReading reading =
        TOPICS.iotTelemetry().valueSerde().deserializer().deserialize("t", record.value());
    assertThat(record.topic()).isEqualTo("pipeline.iot.telemetry");
    assertThat(reading.getDeviceId()).isEqualTo("press-4");
    assertThat(reading.getValue()).isEqualTo(3.5);
    assertThat(reading.getEventTime()).isEqualTo(Instant.parse("2026-11-25T09:59:58Z"));
    assertThat(reading.getAttributes()).isEmpty();
    assertThat(record.key()).isEqualTo("press-4");
  }

  @Test
  void shouldSayWhatIsWrongWithAPayloadItCannotDecode() {
    assertThatThrownBy(
            () -> records.toRecord(mapping("readings"), message("plant/p/readings", "{").build()))
        .isInstanceOf(UndecodableMessageException.class)
        .hasMessageContaining("payload is not JSON")
        .hasMessageContaining("line 1");
    assertThatThrownBy(
            () ->
                records.toRecord(
                    mapping("readings"),
                    message(
                            "plant/p/readings",
                            "{\"readingId\": \"r\", \"metric\": \"m\", \"value\": \"high\","
                                + " \"eventTime\": 0}")
                        .build()))
        .hasMessageContaining("payload does not fit TelemetryReading at $.value");
    assertThatThrownBy(
            () -> records.toRecord(mapping("readings"), message("plant/p/readings", "[1]").build()))
        .hasMessageContaining("not a JSON object (it is ARRAY)");
    assertThatThrownBy(
            () -> records.toRecord(mapping("by-field"), message("doors/1", "{\"d\": 1}").build()))
        .hasMessageContaining("payload has no field 'door' for the Kafka key");
  }

  @Test
  void shouldKeepAnUndecodableMessageAsDeadLetterWithReasonAndPayload() {
    MqttMessage message = message("doors/7", "{\"open\": true}").build();

    ProducerRecord<String, byte[]> record =
        records.toDeadLetter(Optional.of(mapping("by-field")), message, "no door", NOW);

    DeadLetter letter =
        TOPICS.ingestDeadLetters().valueSerde().deserializer().deserialize("t", record.value());
    assertThat(record.topic()).isEqualTo("pipeline.ingest.dead-letters");
    assertThat(record.key()).isEqualTo("doors/7");
    assertThat(letter.getStage()).isEqualTo("mqtt-bridge");
    assertThat(letter.getOrigin()).isEqualTo("mqtt:doors/7");
    assertThat(letter.getReason()).isEqualTo("no door");
    assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
        .isEqualTo("{\"open\": true}");
    assertThat(letter.getAttributes()).containsEntry("mqtt.mapping", "by-field");
    assertThat(letter.getFailedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldRefuseMappingsThatDoNotFitTheirTopic() {
    assertThatThrownBy(
            () -> records("[{\"filter\": \"a\", \"topic\": \"my.raw\", \"format\": \"json\"}]"))
        .hasMessageContaining("decodes JSON into topic 'my.raw', which has no Avro schema");
    assertThatThrownBy(
            () -> records("[{\"filter\": \"a\", \"topic\": \"pipeline.iot.telemetry\"}]"))
        .hasMessageContaining("whose records are TelemetryReading");
    assertThatThrownBy(
            () ->
                records(
                    "[{\"filter\": \"a/+\", \"topic\": \"pipeline.iot.telemetry\", \"format\":"
                        + " \"json\", \"fields\": {\"device\": \"level:1\"}}]"))
        .hasMessageContaining("sets field 'device', which TelemetryReading does not have");
  }

  private static MqttRecords records(String mappings) {
    MqttBridgeConfig config =
        MqttBridgeConfig.from(
            Settings.of(Map.of("MQTT_URL", "mqtt://localhost", "MQTT_BRIDGE_MAPPINGS", mappings)));
    return new MqttRecords(config.mappings(), TOPICS, CATALOG);
  }

  private MqttMapping mapping(String name) {
    return config.mappings().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  private static MqttMessage.Builder message(String topic, String payload) {
    return MqttMessage.newBuilder()
        .setTopic(topic)
        .setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
        .setQos(1)
        .setReceivedAt(NOW)
        .setBridgeId("bridge-1");
  }

  private static List<String> headers(ProducerRecord<String, byte[]> record) {
    return java.util.Arrays.stream(record.headers().toArray())
        .map((Header h) -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8))
        .toList();
  }
}
