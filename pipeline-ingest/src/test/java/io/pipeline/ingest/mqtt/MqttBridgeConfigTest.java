package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttBridgeConfigTest {

  @Test
  void shouldKeyByTheConfiguredTopicLevel() {
    MqttBridgeConfig byDevice =
        new MqttBridgeConfig(Optional.empty(), List.of("a/+/b"), 1, "g", "c", 10);
    MqttBridgeConfig byTopic =
        new MqttBridgeConfig(Optional.empty(), List.of("a/+/b"), -1, "g", "c", 10);

    assertThat(byDevice.keyOf("devices/d-7/telemetry")).isEqualTo("d-7");
    assertThat(byDevice.keyOf("short")).isEqualTo("short");
    assertThat(byTopic.keyOf("devices/d-7/telemetry")).isEqualTo("devices/d-7/telemetry");
  }

  @Test
  void shouldBeOffWithoutBrokerAndOnWithDefaultFilter() {
    assertThat(MqttBridgeConfig.from(Settings.of(Map.of())).enabled()).isFalse();

    MqttBridgeConfig config =
        MqttBridgeConfig.from(Settings.of(Map.of("MQTT_URL", "mqtt://localhost:1883")));

    assertThat(config.enabled()).isTrue();
    assertThat(config.filters()).containsExactly("devices/+/telemetry");
  }

  @Test
  void shouldRejectBrokerAddressThatIsNotMqtt() {
    assertThatThrownBy(
            () -> MqttBridgeConfig.from(Settings.of(Map.of("MQTT_URL", "tcp://localhost:1883"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MQTT_URL='tcp://localhost:1883'")
        .hasMessageContaining("mqtt://host:port");
  }
}
