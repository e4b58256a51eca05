package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttTopicFilterTest {

  @ParameterizedTest
  @CsvSource({
    "devices/+/telemetry, devices/d-1/telemetry, true",
    "devices/+/telemetry, devices/d-1/status, false",
    "devices/+/telemetry, devices/d-1/telemetry/x, false",
    "devices/#, devices, true",
    "devices/#, devices/a/b/c, true",
    "#, anything/at/all, true",
    "+/+, a/b, true",
    "+/+, a, false",
    "a//c, a//c, true",
    "+/x, $SYS/x, false",
    "#, $SYS/broker, false",
    "$SYS/#, $SYS/broker, true",
    "a/+, a/, true",
    "a/b, a/bc, false",
    "a/bc, a/b, false",
    "a/+/c, a/b, false",
    "a/b, a/b/, false",
    "a/b/#, a/b, true",
  })
  void shouldMatchTopicsAsMqttDoes(String filter, String topic, boolean matches) {
    assertThat(new MqttTopicFilter(filter).matches(topic)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({
    "devices/+/telemetry, devices/d-1/+, true",
    "devices/+/telemetry, devices/+/status, false",
    "devices/#, devices/d-1/telemetry, true",
    "devices/#, devices, true",
    "devices/+, devices, false",
    "a/b, a/b/#, true",
    "a/b, a/b/c/#, false",
    "plant/+/line, factory/#, false",
  })
  void shouldTellWhetherTwoFiltersShareATopic(String a, String b, boolean overlap) {
    assertThat(new MqttTopicFilter(a).overlaps(new MqttTopicFilter(b))).isEqualTo(overlap);
    assertThat(new MqttTopicFilter(b).overlaps(new MqttTopicFilter(a))).isEqualTo(overlap);
  }

  @ParameterizedTest
  @CsvSource({
    "devices/d-1/telemetry, 0, devices",
    "devices/d-1/telemetry, 1, d-1",
    "devices/d-1/telemetry, 2, telemetry",
    "a//c, 1, ''",
  })
  void shouldFindOneLevelOfATopic(String topic, int index, String level) {
    assertThat(MqttTopicFilter.level(topic, index)).contains(level);
    assertThat(MqttTopicFilter.level(topic, index))
        .contains(MqttTopicFilter.levels(topic).get(index));
  }

  @Test
  void shouldFindNoLevelBeyondTheTopicsLast() {
    assertThat(MqttTopicFilter.level("devices/d-1", 2)).isEmpty();
    assertThat(MqttTopicFilter.level("devices", 1)).isEmpty();
  }

  @Test
  void shouldRejectMisplacedWildcardsSayingWhere() {
    assertThatThrownBy(() -> new MqttTopicFilter("a/#/b"))
        .hasMessageContaining("'a/#/b'")
        .hasMessageContaining("'#' must be the last level");
    assertThatThrownBy(() -> new MqttTopicFilter("a/dev+/b"))
        .hasMessageContaining("level 1 is 'dev+'");
    assertThatThrownBy(() -> new MqttTopicFilter("$share/g/a")).hasMessageContaining("$share");
    assertThatThrownBy(() -> new MqttTopicFilter("")).hasMessageContaining("empty");
  }
}
