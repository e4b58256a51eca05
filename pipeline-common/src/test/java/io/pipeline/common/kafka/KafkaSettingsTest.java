package io.pipeline.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void shouldLetExtraSettingsTuneAReliableProducerButNeverWeakenIt() {
    KafkaSettings kafka =
        new KafkaSettings(
            "broker:9092",
            Map.of("linger.ms", 50, "acks", "1", "enable.idempotence", false, "batch.size", 1));

    Map<String, Object> config =
        kafka.reliableProducerConfig("bridge-1", Map.of("max.block.ms", 10_000));

    assertThat(config)
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("linger.ms", 50)
        .containsEntry("batch.size", 1)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("client.id", "bridge-1")
        .containsEntry("max.block.ms", 10_000);
    assertThat(KafkaSettings.of("b:1").reliableProducerConfig("c", Map.of()))
        .containsEntry("linger.ms", 5);
  }

  @Test
  void shouldLetTheExtraSettingsOverrideAProducersOwnDefaults() {
    // given a producer that asks for larger batches by default
    Map<String, Object> defaults = Map.of("batch.size", 65_536, "linger.ms", 10);

    // when the extra settings say nothing of them, or set the batch size
    Map<String, Object> own =
        KafkaSettings.of("b:1").reliableProducerConfig("c", defaults, Map.of());
    Map<String, Object> overridden =
        new KafkaSettings("b:1", Map.of("batch.size", 1))
            .reliableProducerConfig("c", defaults, Map.of("max.block.ms", 10_000));

    // then the producer's defaults hold unless the extra settings set them; specific wins
    assertThat(own).containsEntry("batch.size", 65_536).containsEntry("linger.ms", 10);
    assertThat(overridden)
        .containsEntry("batch.size", 1)
        .containsEntry("linger.ms", 10)
        .containsEntry("max.block.ms", 10_000);
  }
}
