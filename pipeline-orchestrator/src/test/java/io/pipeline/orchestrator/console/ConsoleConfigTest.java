package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

  @Test
  void shouldTakeTheLocalUserAndAKeyMadeAtStartWhenNothingIsSet() {
    // when
    ConsoleConfig config = ConsoleConfig.from(Settings.of(Map.of()));

    // then
    assertThat(config.users().includesLocalUser()).isTrue();
    assertThat(config.generatedKey()).isTrue();
    assertThat(config.sessionKey()).hasSize(32);
    assertThat(config.sessionLifetime()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void shouldUseTheConfiguredKeyWhenOneIsSet() {
    // given
    byte[] key = new byte[48];
    key[0] = 7;
    Settings settings =
        Settings.of(
            Map.of("ORCHESTRATOR_CONSOLE_SESSION_KEY", Base64.getEncoder().encodeToString(key)));

    // when
    ConsoleConfig config = ConsoleConfig.from(settings);

    // then
    assertThat(config.generatedKey()).isFalse();
    assertThat(config.sessionKey()).isEqualTo(key);
  }

  @Test
  void shouldNameTheSettingWhenTheKeyIsShortOrNotBase64() {
    // given
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

    // when / then
    assertThatThrownBy(
            () ->
                ConsoleConfig.from(
                    Settings.of(Map.of("ORCHESTRATOR_CONSOLE_SESSION_KEY", shortKey))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting ORCHESTRATOR_CONSOLE_SESSION_KEY is invalid: 16 bytes, expected at least 32");
    assertThatThrownBy(
            () ->
                ConsoleConfig.from(Settings.of(Map.of("ORCHESTRATOR_CONSOLE_SESSION_KEY", "%%%"))))
        .hasMessage("Setting ORCHESTRATOR_CONSOLE_SESSION_KEY is invalid: it is not Base64");
  }

  @Test
  void shouldNameTheSettingWithoutQuotingPasswordsWhenUsersAreMalformed() {
    // given
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_CONSOLE_USERS", "alice:hunter2,bob"));

    // when / then
    assertThatThrownBy(() -> ConsoleConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting ORCHESTRATOR_CONSOLE_USERS is invalid: entry 2 is not NAME:PASSWORD (a"
                + " non-empty name and password)")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldNameTheSettingWhenTheLifetimeIsOutOfRange() {
    // given
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_CONSOLE_SESSION_LIFETIME", "31d"));

    // when / then
    assertThatThrownBy(() -> ConsoleConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting ORCHESTRATOR_CONSOLE_SESSION_LIFETIME='PT744H' is invalid: expected 1m to 30d");
  }

  @Test
  void shouldSampleEveryFiveSecondsForTenMinutesWhenTheOverviewIsNotConfigured() {
    // when
    ConsoleConfig config = ConsoleConfig.from(Settings.of(Map.of()));

    // then
    assertThat(config.overviewInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.overviewWindow()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldNameTheSettingWhenTheOverviewIntervalIsOutOfRange() {
    // given
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL", "500ms"));

    // when / then
    assertThatThrownBy(() -> ConsoleConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL='PT0.5S' is invalid: expected 1s to 5m");
  }

  @Test
  void shouldNameBothSettingsWhenTheWindowHoldsFewerThanTwoOrTooManyIntervals() {
    // given
    Settings tooShort =
        Settings.of(
            Map.of(
                "ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL", "1m",
                "ORCHESTRATOR_CONSOLE_OVERVIEW_WINDOW", "90s"));
    Settings tooMany =
        Settings.of(
            Map.of(
                "ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL", "1s",
                "ORCHESTRATOR_CONSOLE_OVERVIEW_WINDOW", "2h"));

    // when / then
    assertThatThrownBy(() -> ConsoleConfig.from(tooShort))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting ORCHESTRATOR_CONSOLE_OVERVIEW_WINDOW='PT1M30S' is invalid: expected at least"
                + " two and at most 1000 times ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL (PT1M), and"
                + " at most 24h");
    assertThatThrownBy(() -> ConsoleConfig.from(tooMany))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting ORCHESTRATOR_CONSOLE_OVERVIEW_WINDOW='PT2H' is invalid");
  }
}
