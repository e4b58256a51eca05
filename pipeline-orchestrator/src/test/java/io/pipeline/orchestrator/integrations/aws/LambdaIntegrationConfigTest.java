package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaIntegrationConfigTest {

  @Test
  void shouldLeaveLambdaUnconfiguredWhenNoEndpointIsSet() {
    // when
    LambdaIntegrationConfig config = LambdaIntegrationConfig.from(Settings.of(Map.of()));

    // then
    assertThat(config.configured()).isFalse();
    assertThat(config.callTimeout()).isEqualTo(Duration.ofMinutes(16));
    assertThatThrownBy(config::newClient)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ORCHESTRATOR_LAMBDA_ENDPOINT");
  }

  @Test
  void shouldBeConfiguredWhenAnEndpointIsSet() {
    LambdaIntegrationConfig config =
        LambdaIntegrationConfig.from(
            Settings.of(
                Map.of(
                    "ORCHESTRATOR_LAMBDA_ENDPOINT", "https://lambda.eu-west-1.amazonaws.com",
                    "ORCHESTRATOR_LAMBDA_REGION", "eu-west-1")));

    assertThat(config.configured()).isTrue();
    assertThat(config.access().endpoint())
        .contains(URI.create("https://lambda.eu-west-1.amazonaws.com"));
    assertThat(config.access().region()).isEqualTo("eu-west-1");
  }

  @Test
  void shouldRefuseASecretKeyWithoutItsAccessKeyWithoutShowingIt() {
    Settings settings =
        Settings.of(Map.of("ORCHESTRATOR_LAMBDA_SECRET_ACCESS_KEY", "top-secret-value"));

    assertThatThrownBy(() -> LambdaIntegrationConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_LAMBDA_ACCESS_KEY_ID")
        .hasMessageNotContaining("top-secret-value");
  }

  @Test
  void shouldRefuseAnEndpointThatIsNotAUrlNamingTheSetting() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_LAMBDA_ENDPOINT", "ftp://lambda"));

    assertThatThrownBy(() -> LambdaIntegrationConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_LAMBDA_ENDPOINT");
  }

  @Test
  void shouldRefuseACallTimeoutThatIsNotADurationNamingTheSetting() {
    Settings settings = Settings.of(Map.of("ORCHESTRATOR_LAMBDA_CALL_TIMEOUT", "soon"));

    assertThatThrownBy(() -> LambdaIntegrationConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_LAMBDA_CALL_TIMEOUT");
  }
}
