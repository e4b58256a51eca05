package io.pipeline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static final Setting<Duration> INTERVAL =
      Setting.duration("POLL_INTERVAL", "10s", "How often to poll.");

  @Test
  void shouldUseDefaultWhenSettingIsAbsent() {
    assertThat(Settings.of(Map.of()).get(INTERVAL)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldParseDurationsWithUnitsAndIso() {
    Settings settings = Settings.of(Map.of("A", "250ms", "B", "5m", "C", "PT1H", "D", "2d"));

    assertThat(settings.get(Setting.duration("A", "1s", ""))).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.get(Setting.duration("B", "1s", ""))).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.get(Setting.duration("C", "1s", ""))).isEqualTo(Duration.ofHours(1));
    assertThat(settings.get(Setting.duration("D", "1s", ""))).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void shouldNameSettingAndValueWhenInvalid() {
    Settings settings = Settings.of(Map.of("POLL_INTERVAL", "often"));

    assertThatThrownBy(() -> settings.get(INTERVAL))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting POLL_INTERVAL='often' is invalid: expected a duration such as 500ms, 10s, 5m,"
                + " 1h or PT10S");
  }

  @Test
  void shouldRejectZeroDuration() {
    assertThatThrownBy(() -> Settings.of(Map.of("POLL_INTERVAL", "0s")).get(INTERVAL))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("greater than zero");
  }

  @Test
  void shouldNameRequiredSettingAndItsMeaningWhenMissing() {
    Setting<String> bucket = Setting.requiredString("BUCKET", "The bucket to watch.");

    assertThatThrownBy(() -> Settings.of(Map.of()).get(bucket))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting BUCKET is required but not set: The bucket to watch.");
  }

  @Test
  void shouldCheckBoundsOfNumbers() {
    Setting<Integer> partitions = Setting.integer("PARTITIONS", 3, 1, 100, "");

    assertThat(Settings.of(Map.of()).get(partitions)).isEqualTo(3);
    assertThatThrownBy(() -> Settings.of(Map.of("PARTITIONS", "0")).get(partitions))
        .hasMessage("Setting PARTITIONS='0' is invalid: expected a number from 1 to 100");
    assertThatThrownBy(() -> Settings.of(Map.of("PARTITIONS", "x")).get(partitions))
        .hasMessage("Setting PARTITIONS='x' is invalid: expected a whole number");
  }

  @Test
  void shouldSplitListsAndTreatBlankOptionalAsAbsent() {
    Settings settings = Settings.of(Map.of("BUCKETS", " raw, ,curated ", "PREFIX", "  "));

    assertThat(settings.get(Setting.list("BUCKETS", "", ""))).isEqualTo(List.of("raw", "curated"));
    assertThat(settings.get(Setting.optionalString("PREFIX", ""))).isEqualTo(Optional.empty());
  }

  @Test
  void shouldLetOverridesWin() {
    Settings settings =
        Settings.of(Map.of("POLL_INTERVAL", "1s")).with(Map.of("POLL_INTERVAL", "2s"));

    assertThat(settings.get(INTERVAL)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldNameUnreadableKafkaClientConfigFile() {
    Settings settings = Settings.of(Map.of("KAFKA_CLIENT_CONFIG", "/no/such/client.properties"));

    assertThatThrownBy(() -> KafkaSettings.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFKA_CLIENT_CONFIG names /no/such/client.properties");
  }

  @Test
  void shouldPutBootstrapServersIntoEveryClientConfig() {
    KafkaSettings kafka =
        KafkaSettings.from(Settings.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b1:9092,b2:9092")));

    assertThat(kafka.clientConfig(Map.of("acks", "all")))
        .containsEntry("bootstrap.servers", "b1:9092,b2:9092")
        .containsEntry("acks", "all");
  }
}
