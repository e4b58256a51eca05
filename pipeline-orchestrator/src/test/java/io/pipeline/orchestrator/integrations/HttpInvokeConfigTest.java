package io.pipeline.orchestrator.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpInvokeConfigTest {

  private static final String CONNECTIONS =
      "{\"orders\": {\"type\": \"BASIC\", \"username\": \"pipeline\", \"password\": \"pw-1\"},"
          + " \"arn:aws:events:us-east-1:123456789012:connection/stripe/0f2c\":"
          + " {\"type\": \"API_KEY\", \"name\": \"Authorization\", \"value\": \"Bearer sk-2\"},"
          + " \"partner\": {\"type\": \"OAUTH_CLIENT_CREDENTIALS\","
          + " \"tokenEndpoint\": \"https://auth.example.com/token\", \"clientId\": \"c\","
          + " \"clientSecret\": \"cs-3\", \"scope\": \"orders:write\"},"
          + " \"public\": {\"type\": \"NONE\"}}";

  @Test
  void shouldUseAwsLimitsWhenNothingIsSet() {
    HttpInvokeConfig config = HttpInvokeConfig.from(Settings.of(Map.of()));

    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxResponseBytes()).isEqualTo(262_144);
    assertThat(config.idempotencyHeader()).contains("Idempotency-Key");
    assertThat(config.connections().keys()).isEmpty();
  }

  @Test
  void shouldReadEveryConnectionTypeWhenConnectionsAreSet() {
    // when
    HttpConnections connections =
        HttpInvokeConfig.from(
                Settings.of(Map.of("ORCHESTRATOR_HTTP_TASK_CONNECTIONS", CONNECTIONS)))
            .connections();

    // then
    assertThat(connections.find("orders")).contains(new HttpConnection.Basic("pipeline", "pw-1"));
    assertThat(connections.find("arn:aws:events:us-east-1:123456789012:connection/stripe/0f2c"))
        .contains(new HttpConnection.ApiKey("Authorization", "Bearer sk-2"));
    assertThat(connections.find("partner"))
        .contains(
            new HttpConnection.OAuthClientCredentials(
                URI.create("https://auth.example.com/token"),
                "c",
                "cs-3",
                Optional.of("orders:write")));
    assertThat(connections.find("public")).contains(new HttpConnection.None());
  }

  @Test
  void shouldFindAConnectionByTheNameInItsArnWhenOnlyTheNameIsConfigured() {
    HttpConnections connections = HttpConnections.parse("S", CONNECTIONS);

    assertThat(connections.find("arn:aws:events:eu-west-1:123456789012:connection/orders/9a8b7c"))
        .contains(new HttpConnection.Basic("pipeline", "pw-1"));
    assertThat(connections.find("arn:aws:events:eu-west-1:123456789012:connection/stripe/other"))
        .isEmpty();
    assertThat(connections.find("unknown")).isEmpty();
  }

  @Test
  void shouldReadConnectionsFromAFileWhenTheValueStartsWithAt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("connections.json");
    Files.writeString(file, CONNECTIONS);

    HttpConnections connections =
        HttpInvokeConfig.from(Settings.of(Map.of("ORCHESTRATOR_HTTP_TASK_CONNECTIONS", "@" + file)))
            .connections();

    assertThat(connections.keys()).hasSize(4);
  }

  @Test
  void shouldNameTheSettingConnectionAndPropertyWithoutSecretsWhenAConnectionIsWrong() {
    assertConfigError(
        "{\"orders\": {\"type\": \"BASIC\", \"username\": \"u\"}}",
        "Setting ORCHESTRATOR_HTTP_TASK_CONNECTIONS: connection 'orders': 'password' is required");
    assertConfigError(
        "{\"k\": {\"type\": \"API_KEY\", \"name\": \"x-api-key\", \"value\": \"s3cr3t\", \"extra\": 1}}",
        "connection 'k': unknown property 'extra' for type API_KEY");
    assertConfigError(
        "{\"o\": {\"type\": \"OAUTH_CLIENT_CREDENTIALS\", \"tokenEndpoint\": \"auth.example.com\","
            + " \"clientId\": \"c\", \"clientSecret\": \"s3cr3t\"}}",
        "'tokenEndpoint' 'auth.example.com' must be an https:// or http:// URL");
    assertConfigError(
        "{\"d\": {\"type\": \"DIGEST\"}}",
        "type 'DIGEST' is not one of NONE, BASIC, API_KEY, OAUTH_CLIENT_CREDENTIALS");
    assertConfigError(
        "{\"b\": {\"type\": \"BASIC\", \"username\": \"a:b\", \"password\": \"s3cr3t\"}}",
        "'username' must not contain ':'");
    assertConfigError("[1]", "must be a JSON object of connection ARNs or names");
  }

  @Test
  void shouldNotQuoteTheTextWhenTheJsonIsMalformed() {
    // Jackson would quote the unquoted secret; the message must not.
    assertConfigError(
        "{\"k\": {\"type\": \"API_KEY\", \"name\": \"x-api-key\", \"value\": s3cr3t}}",
        "Setting ORCHESTRATOR_HTTP_TASK_CONNECTIONS is not valid JSON at line 1, column");
  }

  @Test
  void shouldHideSecretsWhenConnectionsArePrinted() {
    String printed = HttpConnections.parse("S", CONNECTIONS).toString();

    assertThat(printed).contains("pipeline", "Authorization", "auth.example.com");
    assertThat(printed).doesNotContain("pw-1", "sk-2", "cs-3");
  }

  @Test
  void shouldRefuseAConnectTimeoutLongerThanTheTimeout() {
    Settings settings =
        Settings.of(
            Map.of(
                "ORCHESTRATOR_HTTP_TASK_TIMEOUT", "5s",
                "ORCHESTRATOR_HTTP_TASK_CONNECT_TIMEOUT", "10s"));

    assertThatThrownBy(() -> HttpInvokeConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_HTTP_TASK_CONNECT_TIMEOUT");
  }

  @Test
  void shouldRefuseAnIdempotencyHeaderATaskCouldNotSend() {
    assertThatThrownBy(
            () ->
                HttpInvokeConfig.from(
                    Settings.of(Map.of("ORCHESTRATOR_HTTP_TASK_IDEMPOTENCY_HEADER", "Host"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_HTTP_TASK_IDEMPOTENCY_HEADER");
    assertThat(
            HttpInvokeConfig.from(
                    Settings.of(Map.of("ORCHESTRATOR_HTTP_TASK_IDEMPOTENCY_HEADER", " ")))
                .idempotencyHeader())
        .isEmpty();
  }

  @Test
  void shouldRefuseAResponseLimitBelowOneKibibyte() {
    assertThatThrownBy(
            () ->
                HttpInvokeConfig.from(
                    Settings.of(Map.of("ORCHESTRATOR_HTTP_TASK_MAX_RESPONSE_BYTES", "10"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_HTTP_TASK_MAX_RESPONSE_BYTES");
  }

  private static void assertConfigError(String connections, String message) {
    assertThatThrownBy(
            () ->
                HttpInvokeConfig.from(
                    Settings.of(Map.of("ORCHESTRATOR_HTTP_TASK_CONNECTIONS", connections))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .message()
        .doesNotContain("s3cr3t");
  }
}
