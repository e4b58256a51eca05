package io.pipeline.ingest.s3.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import io.pipeline.ingest.s3.S3ObjectFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3NotificationConfigTest {

  @Test
  void shouldBeOffWhenNothingIsSet() {
    // when
    S3NotificationConfig config = S3NotificationConfig.from(Settings.of(Map.of()));

    // then
    assertThat(config.enabled()).isFalse();
    assertThat(config.waitTime()).hasSeconds(20);
  }

  @Test
  void shouldReadQueuesAndFilters() {
    // when
    S3NotificationConfig config =
        S3NotificationConfig.from(
            Settings.of(
                Map.of(
                    "S3_NOTIFICATIONS_SQS_QUEUE_URLS",
                    "http://localhost:9324/000000000000/a, http://localhost:9324/000000000000/b",
                    "S3_NOTIFICATIONS_FILTERS",
                    "landing:in/:.csv,raw")));

    // then
    assertThat(config.sqsEnabled()).isTrue();
    assertThat(config.queueUrls()).hasSize(2);
    assertThat(config.filters().filters())
        .containsExactly(
            new S3ObjectFilter("landing", "in/", ".csv"), new S3ObjectFilter("raw", "", ""));
    assertThat(config.filters().accepts("landing", "in/x.csv")).isTrue();
    assertThat(config.filters().accepts("landing", "out/x.csv")).isFalse();
    assertThat(config.filters().accepts("other", "in/x.csv")).isFalse();
  }

  @Test
  void shouldNameSettingWhenQueueUrlIsNoUrl() {
    assertThatThrownBy(
            () ->
                S3NotificationConfig.from(
                    Settings.of(Map.of("S3_NOTIFICATIONS_SQS_QUEUE_URLS", "my-queue"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("S3_NOTIFICATIONS_SQS_QUEUE_URLS")
        .hasMessageContaining("my-queue");
  }

  @Test
  void shouldNameSettingWhenWaitTimeIsAboveSqsLimit() {
    assertThatThrownBy(
            () ->
                S3NotificationConfig.from(
                    Settings.of(Map.of("S3_NOTIFICATIONS_SQS_WAIT_TIME", "30s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("S3_NOTIFICATIONS_SQS_WAIT_TIME")
        .hasMessageContaining("1s to 20s");
  }

  @Test
  void shouldNameSettingWhenFilterHasTooManyParts() {
    assertThatThrownBy(
            () ->
                S3NotificationConfig.from(
                    Settings.of(Map.of("S3_NOTIFICATIONS_FILTERS", "a:b:c:d"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("S3_NOTIFICATIONS_FILTERS")
        .hasMessageContaining("bucket:prefix:suffix");
  }

  @Test
  void shouldNameSettingWhenWebhookIsNeitherTrueNorFalse() {
    assertThatThrownBy(
            () -> S3NotificationConfig.from(Settings.of(Map.of("S3_NOTIFICATIONS_WEBHOOK", "yes"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("S3_NOTIFICATIONS_WEBHOOK='yes'");
  }

  @Test
  void shouldListEverySettingForDocumentation() {
    assertThat(S3NotificationConfig.SETTINGS)
        .extracting(s -> s.name())
        .containsAll(List.of("S3_NOTIFICATIONS_SQS_QUEUE_URLS", "SQS_ENDPOINT"));
  }
}
