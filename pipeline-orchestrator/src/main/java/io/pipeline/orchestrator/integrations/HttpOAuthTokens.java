package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.integrations.HttpConnection.OAuthClientCredentials;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * OAuth client-credentials tokens, fetched when first needed and kept until shortly before they
 * expire: a minute before, or at 90% of a shorter lifetime; a token without {@code expires_in} is
 * kept until a service refuses it. Concurrent calls share one fetch; a failed fetch is not kept.
 */
final class HttpOAuthTokens {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TOKEN_ANSWER = 64 * 1024;

  /** A token and when to fetch the next one; empty when its lifetime is unknown. */
  private record Token(String value, Optional<Instant> refreshAt) {}

  private final HttpClient client;
  private final Clock clock;
  private final Duration timeout;
  private final ConcurrentMap<OAuthClientCredentials, CompletableFuture<Token>> tokens =
      new ConcurrentHashMap<>();

  HttpOAuthTokens(HttpClient client, Clock clock, Duration timeout) {
    this.client = client;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * A token for a connection: the kept one while it is fresh, else a new one.
   *
   * @param name the connection as the task names it, for causes
   * @return the token; or failed with a {@link TaskFailure}: {@code States.Http.Socket} when the
   *     token endpoint cannot be reached, {@code Events.ConnectionResource.InvalidConnectionState}
   *     when it gives no token
   */
  CompletableFuture<String> token(String name, OAuthClientCredentials connection) {
    return tokens
        .compute(connection, (key, kept) -> kept != null && isFresh(kept) ? kept : fetch(name, key))
        .thenApply(Token::value);
  }

  /** Drops a token a service refused (401), so the next call fetches another. */
  void refused(OAuthClientCredentials connection, String token) {
    tokens.computeIfPresent(
        connection,
        (key, kept) ->
            kept.isDone() && !kept.isCompletedExceptionally() && kept.join().value().equals(token)
                ? null
                : kept);
  }

  private boolean isFresh(CompletableFuture<Token> kept) {
    if (!kept.isDone()) {
      return true; // a fetch in flight: share it
    }
    if (kept.isCompletedExceptionally()) {
      return false;
    }
    return kept.join().refreshAt().map(at -> clock.instant().isBefore(at)).orElse(true);
  }

  private CompletableFuture<Token> fetch(String name, OAuthClientCredentials connection) {
    String form =
        "grant_type=client_credentials"
            + connection.scope().map(s -> "&scope=" + HttpFormEncoding.escape(s)).orElse("");
    String credentials =
        HttpFormEncoding.escape(connection.clientId())
            + ":"
            + HttpFormEncoding.escape(connection.clientSecret());
    HttpRequest request =
        HttpExchange.version(
                HttpRequest.newBuilder(connection.tokenEndpoint()),
                connection.tokenEndpoint().getScheme())
            .timeout(timeout)
            .header("Content-Type", HttpTaskParameters.FORM)
            .header("Accept", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    String target = "the token endpoint of connection '" + name + "'";
    Instant asked = clock.instant();
    return HttpExchange.send(
            client, request, HttpCappedBody.handler(MAX_TOKEN_ANSWER, target), timeout)
        .handle(
            (response, error) -> {
              if (error != null) {
                throw HttpTaskFailures.ofExchange(error, target, timeout);
              }
              return token(response, target, asked);
            });
  }

  private Token token(HttpResponse<byte[]> response, String target, Instant asked) {
    JsonNode answer = parse(response.body());
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      String error = answer.path("error").asText("");
      throw invalid(
          target
              + " answered "
              + response.statusCode()
              + " "
              + HttpTaskResponse.statusText(response.statusCode())
              + (error.isEmpty() ? "" : " (" + error + ")"));
    }
    JsonNode value = answer.path("access_token");
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw invalid(target + " answered without an access_token");
    }
    JsonNode expiresIn = answer.path("expires_in");
    Optional<Instant> refreshAt = Optional.empty();
    if (expiresIn.canConvertToLong() || expiresIn.isTextual()) {
      long seconds = expiresIn.asLong(-1);
      if (seconds >= 0) {
        long keep = Math.max(seconds * 9 / 10, seconds - 60);
        refreshAt = Optional.of(asked.plusSeconds(keep));
      }
    }
    return new Token(value.asText(), refreshAt);
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static TaskFailure invalid(String cause) {
    return new TaskFailure(HttpTaskFailures.INVALID_CONNECTION_STATE, cause);
  }
}
