package io.pipeline.orchestrator.integrations;

import static io.pipeline.orchestrator.integrations.HttpInvokeIntegrationTest.failure;
import static io.pipeline.orchestrator.integrations.HttpInvokeIntegrationTest.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.integrations.RecordingHttpServer.Answer;
import io.pipeline.orchestrator.integrations.RecordingHttpServer.Received;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections' credentials against a real HTTP server that checks them, and serves an OAuth token
 * endpoint that hands out a new token on each request.
 */
class HttpInvokeAuthenticationTest {

  /** A secret with characters the token request must form-encode. */
  private static final String SECRET = "cs+1/\u00e9";

  private RecordingHttpServer server;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicReference<String> valid = new AtomicReference<>("");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void startServer() throws Exception {
    server = new RecordingHttpServer();
    server.on("/token", this::token);
    server.on(
        "/api",
        r -> {
          String expected = "Bearer " + valid.get();
          return r.header("Authorization").filter(expected::equals).isPresent()
              ? Answer.json(200, "{\"ok\": true}")
              : Answer.json(401, "{\"message\": \"Unauthorized\"}");
        });
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void shouldSendBasicCredentialsWhenTheConnectionIsBasic() throws Exception {
    // given
    server.on(
        "/basic",
        r ->
            r.header("Authorization").equals(Optional.of(basic("pipeline", "p\u00e4ss:word")))
                ? Answer.text(200, "welcome")
                : Answer.text(401, "who are you"));
    HttpInvokeIntegration http =
        integration(Map.of("orders", new HttpConnection.Basic("pipeline", "p\u00e4ss:word")));

    // when
    JsonNode result =
        http.call(
                invocation(
                    task(
                        "/basic", "arn:aws:events:us-east-1:123456789012:connection/orders/6b1e2d"),
                    "k"))
            .get(10, TimeUnit.SECONDS);

    // then
    assertThat(result.get("ResponseBody").asText()).isEqualTo("welcome");
  }

  @Test
  void shouldSendTheApiKeyHeaderWhenTheConnectionIsApiKey() throws Exception {
    server.on(
        "/key",
        r ->
            r.header("x-api-key").equals(Optional.of("k-123"))
                ? Answer.text(200, "welcome")
                : Answer.text(403, "no key"));
    HttpInvokeIntegration http =
        integration(Map.of("stripe", new HttpConnection.ApiKey("x-api-key", "k-123")));

    JsonNode result = http.call(invocation(task("/key", "stripe"), "k")).get(10, TimeUnit.SECONDS);

    assertThat(result.get("ResponseBody").asText()).isEqualTo("welcome");
    assertThat(server.only("/key").header("Authorization")).isEmpty();
  }

  @Test
  void shouldFetchATokenOnceAndKeepItWhileItIsFresh() throws Exception {
    // given
    HttpInvokeIntegration http = integration(Map.of("partner", oauth(SECRET)));

    // when: two calls, then a third one after the token's refresh time (expires_in 3600: 59 min)
    JsonNode first = http.call(invocation(task("/api", "partner"), "k1")).get(10, TimeUnit.SECONDS);
    JsonNode second =
        http.call(invocation(task("/api", "partner"), "k2")).get(10, TimeUnit.SECONDS);
    int afterTwo = server.received("/token").size();
    clock.advance(Duration.ofMinutes(59).plusSeconds(1));
    JsonNode third = http.call(invocation(task("/api", "partner"), "k3")).get(10, TimeUnit.SECONDS);

    // then
    assertThat(first.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(second.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(third.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(afterTwo).isEqualTo(1);
    assertThat(server.received("/token")).hasSize(2);
    Received tokenRequest = server.received("/token").get(0);
    assertThat(tokenRequest.method()).isEqualTo("POST");
    assertThat(form(tokenRequest.body()))
        .isEqualTo(Map.of("grant_type", "client_credentials", "scope", "orders:read orders:write"));
    assertThat(tokenRequest.header("Authorization")).contains(client("client-1", SECRET));
  }

  @Test
  void shouldShareOneFetchWhenCallsNeedATokenAtOnce() throws Exception {
    HttpInvokeIntegration http = integration(Map.of("partner", oauth(SECRET)));

    CompletableFuture<?>[] calls =
        Stream.generate(() -> http.call(invocation(task("/api", "partner"), "k")))
            .limit(8)
            .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(calls).get(10, TimeUnit.SECONDS);

    assertThat(server.received("/token")).hasSize(1);
    assertThat(server.received("/api")).hasSize(8);
  }

  @Test
  void shouldFetchANewTokenAfterTheServiceRefusedTheKeptOne() throws Exception {
    // given: a token is kept, then the service stops taking it
    HttpInvokeIntegration http = integration(Map.of("partner", oauth(SECRET)));
    http.call(invocation(task("/api", "partner"), "k1")).get(10, TimeUnit.SECONDS);
    valid.set("revoked");

    // when
    TaskFailure refused = failure(http.call(invocation(task("/api", "partner"), "k2")));
    JsonNode retried =
        http.call(invocation(task("/api", "partner"), "k2")).get(10, TimeUnit.SECONDS);

    // then
    assertThat(refused.error()).isEqualTo("States.Http.StatusCode.401");
    assertThat(retried.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(server.received("/token")).hasSize(2);
  }

  @Test
  void shouldFailWithInvalidConnectionStateWhenTheTokenEndpointRefusesTheClient() {
    HttpInvokeIntegration http = integration(Map.of("partner", oauth("wrong-secret")));

    TaskFailure failure = failure(http.call(invocation(task("/api", "partner"), "k")));

    assertThat(failure.error()).isEqualTo("Events.ConnectionResource.InvalidConnectionState");
    assertThat(failure.cause())
        .contains("token endpoint of connection 'partner'")
        .contains("401")
        .contains("invalid_client")
        .doesNotContain("wrong-secret");
    assertThat(server.received("/api")).isEmpty();
  }

  private Answer token(Received request) {
    if (!request.header("Authorization").equals(Optional.of(client("client-1", SECRET)))
        || !"client_credentials".equals(form(request.body()).get("grant_type"))) {
      return Answer.json(401, "{\"error\": \"invalid_client\"}");
    }
    String token = "token-" + issued.incrementAndGet();
    valid.set(token);
    return Answer.json(
        200,
        "{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}");
  }

  private HttpConnection.OAuthClientCredentials oauth(String secret) {
    return new HttpConnection.OAuthClientCredentials(
        URI.create(server.url("/token")),
        "client-1",
        secret,
        Optional.of("orders:read orders:write"));
  }

  private HttpInvokeIntegration integration(Map<String, HttpConnection> connections) {
    return new HttpInvokeIntegration(HttpInvokeConfig.of(new HttpConnections(connections)), clock);
  }

  private String task(String path, String connection) {
    return "{\"ApiEndpoint\": \""
        + server.url(path)
        + "\", \"Method\": \"GET\", \"Authentication\": {\"ConnectionArn\": \""
        + connection
        + "\"}}";
  }

  /** RFC 7617: user-id, colon, password, in UTF-8. */
  private static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 6749, 2.3.1: the client's id and secret form-encoded first. */
  private static String client(String id, String secret) {
    return basic(
        URLEncoder.encode(id, StandardCharsets.UTF_8),
        URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  private static Map<String, String> form(String body) {
    return Stream.of(body.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
      now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
