package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.mqtt.MqttMapping.Format;
import io.pipeline.ingest.mqtt.MqttMapping.Level;
import io.pipeline.ingest.mqtt.MqttMapping.PayloadField;
import io.pipeline.ingest.mqtt.MqttMapping.WholeTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttBridgeConfigTest {

  private static final String URL = "mqtt://localhost:1883";

  @Test
  void shouldBeOffWithoutBrokerAndBridgeDeviceTelemetryByDefault() {
    assertThat(MqttBridgeConfig.from(Settings.of(Map.of())).enabled()).isFalse();

    MqttBridgeConfig config = MqttBridgeConfig.from(Settings.of(Map.of("MQTT_URL", URL)));

    assertThat(config.enabled()).isTrue();
    MqttMapping mapping = config.mappings().get(0);
    assertThat(mapping.filter().text()).isEqualTo("devices/+/telemetry");
    assertThat(mapping.topic()).isEqualTo("pipeline.mqtt.messages");
    assertThat(mapping.key().toString()).isEqualTo("level:1");
    assertThat(((Level) mapping.key()).of("devices/d-7/telemetry")).isEqualTo("d-7");
    assertThat(config.mappingOf("devices/d-7/telemetry")).contains(mapping);
    assertThat(config.mappingOf("devices/d-7/status")).isEmpty();
  }

  @Test
  void shouldReadEveryPropertyOfAMapping() {
    MqttBridgeConfig config =
        config(
            "[{\"name\": \"plant\", \"filter\": \"plant/+/line/#\", \"topic\":"
                + " \"pipeline.iot.telemetry\", \"key\": \"field:deviceId\", \"format\": \"json\","
                + " \"fields\": {\"deviceId\": \"level:1\", \"metric\": \"topic\"}},"
                + " {\"filter\": \"doors/+\"}]");

    MqttMapping plant = config.mappings().get(0);
    assertThat(plant.name()).isEqualTo("plant");
    assertThat(plant.format()).isEqualTo(Format.JSON);
    assertThat(plant.key()).isEqualTo(new PayloadField("deviceId"));
    assertThat(plant.fields()).containsEntry("deviceId", new Level(1));
    assertThat(plant.fields()).containsEntry("metric", new WholeTopic());
    MqttMapping doors = config.mappings().get(1);
    assertThat(doors.name()).isEqualTo("doors/+");
    assertThat(doors.key()).isEqualTo(new WholeTopic());
    assertThat(doors.format()).isEqualTo(Format.ENVELOPE);
  }

  @Test
  void shouldReadMappingsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mappings.json");
    Files.writeString(file, "[{\"filter\": \"a/+\", \"key\": \"level:1\"}]");

    assertThat(config("@" + file).mappings())
        .extracting(m -> m.filter().text())
        .containsExactly("a/+");
    assertThatThrownBy(() -> config("@" + dir.resolve("missing.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MQTT_BRIDGE_MAPPINGS=@")
        .hasMessageContaining("cannot read the file");
  }

  @Test
  void shouldSayWhichMappingAndPropertyIsWrong() {
    List.of(
            List.of(
                "[{\"filter\": \"a/+\"}, {\"filter\": \"a/b\"}]",
                "[1]: filter 'a/b' overlaps 'a/+' of [0]"),
            List.of("[{\"filter\": \"a\", \"topik\": \"x\"}]", "[0]: unknown property 'topik'"),
            List.of("[{\"topic\": \"x\"}]", "[0]: 'filter' is required"),
            List.of("[{\"filter\": \"a\", \"key\": \"lvl:1\"}]", "'lvl:1' is not a key rule"),
            List.of(
                "[{\"filter\": \"a\", \"key\": \"level:-1\"}]", "level must be a number from 0"),
            List.of("[{\"filter\": \"a\", \"format\": \"xml\"}]", "format 'xml' is not one of"),
            List.of(
                "[{\"filter\": \"a\", \"fields\": {\"x\": \"level:0\"}}]",
                "only for the json format"),
            List.of("[{\"filter\": \"a/#/b\"}]", "'#' must be the last level"),
            List.of(
                "[{\"filter\": \"a\"}, {\"filter\": \"b\", \"name\": \"a\"}]",
                "[1]: the name 'a' is taken"),
            List.of("{\"filter\": \"a\"}", "must be a JSON array"),
            List.of("[{\"filter\": \"a\"", "is not valid JSON"))
        .forEach(
            c ->
                assertThatThrownBy(() -> config(c.get(0)))
                    .as(c.get(0))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("MQTT_BRIDGE_MAPPINGS")
                    .hasMessageContaining(c.get(1)));
  }

  @Test
  void shouldRejectBrokerAddressThatIsNotMqtt() {
    assertThatThrownBy(
            () -> MqttBridgeConfig.from(Settings.of(Map.of("MQTT_URL", "tcp://localhost:1883"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MQTT_URL='tcp://localhost:1883'")
        .hasMessageContaining("mqtt://host:port");
  }

  private static MqttBridgeConfig config(String mappings) {
    return MqttBridgeConfig.from(
        Settings.of(Map.of("MQTT_URL", URL, "MQTT_BRIDGE_MAPPINGS", mappings)));
  }

  @Test
  void shouldGiveTheBridgesProducerLargeBatchesUnlessTheClientConfigSetsThem() {
    // given Kafka settings without and with a batch size of their own
    KafkaSettings plain = KafkaSettings.of("broker:9092");
    KafkaSettings tuned = new KafkaSettings("broker:9092", Map.of("batch.size", 32_768));

    // when / then
    assertThat(MqttBridge.producerConfig(plain, "mqtt-bridge-1"))
        .containsEntry("batch.size", MqttBridge.BATCH_BYTES)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("client.id", "mqtt-bridge-1");
    assertThat(MqttBridge.producerConfig(tuned, "mqtt-bridge-1"))
        .containsEntry("batch.size", 32_768);
  }
}
