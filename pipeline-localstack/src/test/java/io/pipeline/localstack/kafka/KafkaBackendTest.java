package io.pipeline.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KafkaBackendTest {

  @Test
  void shouldChooseEmbeddedBrokerWhenNothingIsGivenAndNoDockerAnswers() {
    assertThat(KafkaBackend.select(Map.of(), () -> false)).isEqualTo(KafkaBackend.EMBEDDED);
  }

  @Test
  void shouldChooseTestcontainersWhenDockerAnswers() {
    assertThat(KafkaBackend.select(Map.of(), () -> true)).isEqualTo(KafkaBackend.TESTCONTAINERS);
  }

  @Test
  void shouldChooseExternalClusterWhenBootstrapServersAreGivenWithoutAskingDocker() {
    AtomicBoolean dockerAsked = new AtomicBoolean();
    KafkaBackend backend =
        KafkaBackend.select(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092"),
            () -> {
              dockerAsked.set(true);
              return true;
            });

    assertThat(backend).isEqualTo(KafkaBackend.EXTERNAL);
    assertThat(dockerAsked).isFalse();
  }

  @Test
  void shouldIgnoreBlankBootstrapServers() {
    assertThat(KafkaBackend.select(Map.of("KAFKA_BOOTSTRAP_SERVERS", "  "), () -> false))
        .isEqualTo(KafkaBackend.EMBEDDED);
  }

  @Test
  void shouldHonourForcedBackendWhateverElseIsAvailable() {
    Map<String, String> env =
        Map.of("PIPELINE_KAFKA", "Embedded", "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092");

    assertThat(KafkaBackend.select(env, () -> true)).isEqualTo(KafkaBackend.EMBEDDED);
  }

  @Test
  void shouldRejectUnknownForcedBackendNamingTheValidOnes() {
    assertThatThrownBy(
            () -> KafkaBackend.select(Map.of("PIPELINE_KAFKA", "zookeeper"), () -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'zookeeper'")
        .hasMessageContaining("embedded, testcontainers, external");
  }

  @Test
  void shouldRejectForcedExternalBackendWithoutBootstrapServers() {
    assertThatThrownBy(() -> KafkaBackend.select(Map.of("PIPELINE_KAFKA", "external"), () -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }
}
