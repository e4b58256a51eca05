package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.integrations.HttpConnection.ApiKey;
import io.pipeline.orchestrator.integrations.HttpConnection.Basic;
import io.pipeline.orchestrator.integrations.HttpConnection.OAuthClientCredentials;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP Task, {@code arn:aws:states:::http:invoke}: calls the {@code ApiEndpoint} with the
 * task's {@code Method}, {@code Headers}, {@code QueryParameters} and {@code RequestBody} (JSON, or
 * URL-encoded as {@code Transform} says), adding the credentials configured for the connection its
 * {@code Authentication.ConnectionArn} names, and the call's idempotency key in a header.
 *
 * <p>The result is AWS's: {@code {"Headers": {name: [values]}, "ResponseBody": ..., "StatusCode":
 * 200, "StatusText": "OK"}}. Failures carry AWS's error names: {@code
 * States.Http.StatusCode.<code>} for an answer outside 2xx (the answer is the cause), {@code
 * States.Http.Socket} when the service cannot be reached or does not answer in time, {@code
 * States.DataLimitExceeded} for an answer over the size limit, {@code States.Runtime} for wrong
 * parameters or an unknown connection.
 *
 * <p>No thread waits for a service: calls go out through {@link HttpClient#sendAsync}.
 */
public final class HttpInvokeIntegration implements Integration {

  private static final Logger log = LoggerFactory.getLogger(HttpInvokeIntegration.class);

  private static final Pattern RESOURCE =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]*:\\d*:http:invoke");

  private final HttpInvokeConfig config;
  private final HttpClient client;
  private final HttpOAuthTokens tokens;

  /** An integration with its own HTTP client. */
  public HttpInvokeIntegration(HttpInvokeConfig config) {
    this(config, Clock.systemUTC());
  }

  /** With the clock OAuth token lifetimes are measured by. */
  HttpInvokeIntegration(HttpInvokeConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    // Redirects are not followed: credentials must not follow a redirect to another host, and the
    // task sees the 3xx (States.Http.StatusCode.3xx) to act on it.
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.tokens = new HttpOAuthTokens(client, clock, config.timeout());
  }

  @Override
  public boolean serves(String resource) {
    return RESOURCE.matcher(resource).matches();
  }

  @Override
  public CompletableFuture<JsonNode> call(IntegrationCall call) {
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    try {
      HttpTaskRequest request = HttpTaskParameters.read(call.parameters());
      if (config.idempotencyHeader().isPresent()) {
        request =
            request.withDefaultHeader(config.idempotencyHeader().get(), call.idempotencyKey());
      }
      authorized(request)
          .thenCompose(this::send)
          .whenComplete(
              (output, error) -> {
                if (error == null) {
                  result.complete(output);
                } else {
                  result.completeExceptionally(unwrap(error));
                }
              });
    } catch (TaskFailure failure) {
      result.completeExceptionally(failure);
    }
    return result;
  }

  /** The request with its connection's credentials. */
  private CompletableFuture<Authorized> authorized(HttpTaskRequest request) {
    if (request.connectionArn().isEmpty()) {
      return CompletableFuture.completedFuture(new Authorized(request, Optional.empty()));
    }
    String name = request.connectionArn().get();
    HttpConnection connection =
        config
            .connections()
            .find(name)
            .orElseThrow(
                () ->
                    HttpTaskFailures.invalidParameter(
                        "Authentication.ConnectionArn '"
                            + name
                            + "' names no connection of ORCHESTRATOR_HTTP_TASK_CONNECTIONS (known: "
                            + String.join(", ", config.connections().keys())
                            + ")"));
    if (connection instanceof Basic basic) {
      String pair = basic.username() + ":" + basic.password();
      return CompletableFuture.completedFuture(
          new Authorized(
              request.withHeader(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))),
              Optional.empty()));
    }
    if (connection instanceof ApiKey key) {
      return CompletableFuture.completedFuture(
          new Authorized(request.withHeader(key.name(), key.value()), Optional.empty()));
    }
    if (connection instanceof OAuthClientCredentials oauth) {
      return tokens
          .token(name, oauth)
          .thenApply(
              token ->
                  new Authorized(
                      request.withHeader("Authorization", "Bearer " + token),
                      Optional.of(new OAuthToken(oauth, token))));
    }
    return CompletableFuture.completedFuture(new Authorized(request, Optional.empty()));
  }

  private CompletableFuture<JsonNode> send(Authorized authorized) {
    HttpTaskRequest request = authorized.request();
    HttpRequest.Builder builder =
        HttpExchange.version(HttpRequest.newBuilder(request.uri()), request.uri().getScheme())
            .timeout(config.timeout())
            .method(
                request.method(),
                request
                    .body()
                    .map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
                    .orElseGet(HttpRequest.BodyPublishers::noBody));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      try {
        builder.header(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        // The HTTP client refuses a few more headers than AWS does; say which.
        throw HttpTaskFailures.invalidParameter(
            "Headers: '" + header.getKey() + "' cannot be sent: " + e.getMessage());
      }
    }
    String target = request.target();
    log.debug("HTTP Task {} {}", request.method(), target);
    return HttpExchange.send(
            client,
            builder.build(),
            HttpCappedBody.handler(config.maxResponseBytes(), target),
            config.timeout())
        .handle(
            (response, error) -> {
              if (error != null) {
                throw HttpTaskFailures.ofExchange(error, target, config.timeout());
              }
              if (response.statusCode() == 401) {
                authorized.token().ifPresent(t -> tokens.refused(t.connection(), t.token()));
              }
              return answer(response);
            });
  }

  private static JsonNode answer(HttpResponse<byte[]> response) {
    return HttpTaskResponse.result(response.statusCode(), response.headers(), response.body());
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** A request with its credentials, and the OAuth token among them if there is one. */
  private record Authorized(HttpTaskRequest request, Optional<OAuthToken> token) {}

  /** A token and the connection it is for. */
  private record OAuthToken(OAuthClientCredentials connection, String token) {}
}
