package io.pipeline.localstack.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MosquittoBrokerTest {

  @Test
  void shouldConfigureBrokerSoThatQos1MessagesAreNeitherRefusedNorDropped() {
    String config = MosquittoBroker.configuration(Path.of("/data/mqtt"), 18830);

    assertThat(config.lines())
        .contains(
            "listener 18830 127.0.0.1",
            "allow_anonymous true",
            "persistence true",
            "persistence_location /data/mqtt/",
            "max_inflight_messages 150",
            "max_queued_messages 1000000");
    assertThat(config).doesNotContain("autosave_interval 1800");
  }

  @Test
  void shouldRejectAddressesThatAreNotMqttUrls() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MqttEndpoint.parse("tcp://localhost:1883"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mqtt://host:port");
    assertThat(MqttEndpoint.parse("mqtt://broker").port()).isEqualTo(1883);
  }
}
