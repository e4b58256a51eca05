package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class S3IntegrationConfigTest {

  @Test
  void shouldCallAwsS3WithTheDefaultCredentialChainWhenNothingIsSet() {
    // when
    S3IntegrationConfig config = S3IntegrationConfig.from(Settings.of(Map.of()));

    // then
    assertThat(config.access().endpoint()).isEmpty();
    assertThat(config.access().region()).isEqualTo("us-east-1");
    assertThat(config.access().credentials()).isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(config.pathStyle()).isFalse();
    assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void shouldUsePathStyleAndStaticKeysWhenAnEndpointAndKeysAreSet() {
    // when
    S3IntegrationConfig config =
        S3IntegrationConfig.from(
            Settings.of(
                Map.of(
                    "ORCHESTRATOR_S3_ENDPOINT", "http://localhost:9000",
                    "ORCHESTRATOR_S3_REGION", "eu-west-1",
                    "ORCHESTRATOR_S3_ACCESS_KEY_ID", "pipeline",
                    "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", "pipeline-secret")));

    // then
    assertThat(config.access().endpoint()).contains(URI.create("http://localhost:9000"));
    assertThat(config.access().region()).isEqualTo("eu-west-1");
    assertThat(config.pathStyle()).isTrue();
    assertThat(config.access().credentials()).isInstanceOf(StaticCredentialsProvider.class);
    assertThat(config.access().credentials().resolveCredentials().secretAccessKey())
        .isEqualTo("pipeline-secret");
  }

  @Test
  void shouldNeverShowTheSecretKeyWhenPrinted() {
    S3IntegrationConfig config =
        S3IntegrationConfig.from(
            Settings.of(
                Map.of(
                    "ORCHESTRATOR_S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
                    "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-very-secret")));

    assertThat(config.toString()).contains("AKIDEXAMPLE").doesNotContain("very-secret");
  }

  @Test
  void shouldRefuseAnAccessKeyWithoutItsSecretNamingBothSettings() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_S3_ACCESS_KEY_ID", "pipeline"));

    assertThatThrownBy(() -> S3IntegrationConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_S3_ACCESS_KEY_ID")
        .hasMessageContaining("ORCHESTRATOR_S3_SECRET_ACCESS_KEY");
  }

  @Test
  void shouldRefuseAnEndpointThatIsNotAnHttpUrlNamingTheSetting() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_S3_ENDPOINT", "localhost:9000"));

    assertThatThrownBy(() -> S3IntegrationConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_S3_ENDPOINT");
  }

  @Test
  void shouldRefuseAPathStyleOtherThanAutoTrueOrFalseNamingTheSetting() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_S3_PATH_STYLE", "yes"));

    assertThatThrownBy(() -> S3IntegrationConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_S3_PATH_STYLE");
  }

  @Test
  void shouldRefuseARegionThatIsNotARegionNameNamingTheSetting() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_S3_REGION", "US East"));

    assertThatThrownBy(() -> S3IntegrationConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_S3_REGION");
  }
}
