package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import io.pipeline.orchestrator.OrchestratorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiCredentialsTest {

  @Test
  void shouldReadPairsSeparatedByCommasWithSecretsOfAnyCharacters() {
    ApiCredentials credentials =
        ApiCredentials.parse(" AKIDEXAMPLE:wJalr/K7+bPx=: , other.key@team:s3cret ");

    assertThat(credentials.secretOf("AKIDEXAMPLE")).contains("wJalr/K7+bPx=:");
    assertThat(credentials.secretOf("other.key@team")).contains("s3cret");
    assertThat(credentials.secretOf("unknown")).isEmpty();
  }

  @Test
  void shouldTellWhetherTheDocumentedLocalPairIsAccepted() {
    assertThat(ApiCredentials.parse(ApiCredentials.LOCAL).includesLocalPair()).isTrue();
    assertThat(ApiCredentials.parse("AKIDEXAMPLE:x," + ApiCredentials.LOCAL).includesLocalPair())
        .isTrue();
    assertThat(ApiCredentials.parse("pipeline:another-secret").includesLocalPair()).isFalse();
  }

  @Test
  void shouldRefuseAnEntryWithoutIdOrSecretNamingItButNoSecret() {
    assertThatThrownBy(() -> ApiCredentials.parse("AKIDEXAMPLE:s3cret,:lonely-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 2 is not ACCESS_KEY_ID:SECRET")
        .hasMessageNotContaining("lonely-secret")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> ApiCredentials.parse("AKIDEXAMPLE:"))
        .hasMessageContaining("entry 1 is not ACCESS_KEY_ID:SECRET");
    assertThatThrownBy(() -> ApiCredentials.parse(""))
        .hasMessageContaining("entry 1 is not ACCESS_KEY_ID:SECRET");
  }

  @Test
  void shouldRefuseAnInvalidOrRepeatedAccessKeyId() {
    assertThatThrownBy(() -> ApiCredentials.parse("a key:s3cret"))
        .hasMessageContaining("the access key id of entry 1 must be")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> ApiCredentials.parse("AKIDEXAMPLE:one,AKIDEXAMPLE:two"))
        .hasMessageContaining("access key id 'AKIDEXAMPLE' is listed twice");
  }

  @Test
  void shouldShowAccessKeyIdsButNoSecret() {
    assertThat(ApiCredentials.parse("AKIDEXAMPLE:s3cret").toString())
        .contains("AKIDEXAMPLE")
        .doesNotContain("s3cret");
  }

  @Test
  void shouldNameTheSettingButNoSecretWhenTheSettingIsWrong() {
    Settings settings =
        Settings.of(Map.of("ORCHESTRATOR_CREDENTIALS", "AKIDEXAMPLE:s3cret,broken"));

    assertThatThrownBy(() -> OrchestratorConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Setting ORCHESTRATOR_CREDENTIALS is invalid: entry 2")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldAcceptTheDocumentedLocalPairByDefault() {
    OrchestratorConfig config = OrchestratorConfig.from(Settings.of(Map.of()));

    assertThat(config.credentials().secretOf("pipeline")).contains("pipeline-secret");
    assertThat(config.credentials().includesLocalPair()).isTrue();
  }
}
