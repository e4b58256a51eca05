package io.pipeline.common.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

  @Test
  void shouldUsePathStyleForCustomEndpointByDefault() {
    S3Settings s3 = S3Settings.from(Settings.of(Map.of("S3_ENDPOINT", "http://localhost:9000")));

    assertThat(s3.pathStyle()).isTrue();
    assertThat(S3Settings.from(Settings.of(Map.of())).pathStyle()).isFalse();
  }

  @Test
  void shouldRejectAccessKeyWithoutSecret() {
    assertThatThrownBy(() -> S3Settings.from(Settings.of(Map.of("AWS_ACCESS_KEY_ID", "k"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together");
  }

  @Test
  void shouldRejectEndpointThatIsNotUrl() {
    assertThatThrownBy(() -> S3Settings.from(Settings.of(Map.of("S3_ENDPOINT", "localhost"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("S3_ENDPOINT='localhost'");
  }

  @Test
  void shouldRejectUnknownPathStyle() {
    assertThatThrownBy(() -> S3Settings.from(Settings.of(Map.of("S3_PATH_STYLE", "yes"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected auto, true or false");
  }
}
