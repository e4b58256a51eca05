package io.pipeline.orchestrator.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityPollConfigTest {

  @Test
  void shouldWaitSixtySecondsAsAwsWhenNothingIsSet() {
    ActivityPollConfig config = ActivityPollConfig.from(Settings.of(Map.of()));

    assertThat(config.pollTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.maxWaiting()).isEqualTo(1000);
  }

  @Test
  void shouldRefuseAPollTimeoutLongerThanAwsWithTheSettingsName() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_ACTIVITY_POLL_TIMEOUT", "61s"));

    assertThatThrownBy(() -> ActivityPollConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_ACTIVITY_POLL_TIMEOUT");
  }

  @Test
  void shouldRefuseNoPollsAtAll() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_ACTIVITY_MAX_POLLS", "0"));

    assertThatThrownBy(() -> ActivityPollConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_ACTIVITY_MAX_POLLS");
  }
}
