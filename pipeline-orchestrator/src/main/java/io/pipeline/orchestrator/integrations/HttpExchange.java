package io.pipeline.orchestrator.integrations;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Sends a request without blocking, with one deadline for the whole exchange. */
final class HttpExchange {

  private HttpExchange() {}

  /**
   * Sends a request and reads its answer.
   *
   * <p>The request's own timeout ends the wait for the answer's headers only; a body that trickles
   * in is ended by cancelling the exchange at the same deadline, which fails the returned future
   * with a {@link java.util.concurrent.CancellationException}.
   */
  static <T> CompletableFuture<HttpResponse<T>> send(
      HttpClient client,
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      Duration timeout) {
    CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, handler);
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> exchange.cancel(true));
    return exchange;
  }

  /** Whether to speak HTTP/1.1: plain http:// is not asked to upgrade to HTTP/2. */
  static HttpRequest.Builder version(HttpRequest.Builder builder, String scheme) {
    return "http".equalsIgnoreCase(scheme) ? builder.version(HttpClient.Version.HTTP_1_1) : builder;
  }
}
