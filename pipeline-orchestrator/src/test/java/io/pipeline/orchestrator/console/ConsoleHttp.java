package io.pipeline.orchestrator.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A browser's requests to the console, made with the JDK's HTTP client: it keeps cookies as a
 * browser does and does not follow redirects, so tests see each answer.
 */
final class ConsoleHttp {

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** A client of the console of the orchestrator at {@code api} (its API's address). */
  ConsoleHttp(URI api) {
    this.base = api;
  }

  /** {@code GET path}, with these headers. */
  HttpResponse<byte[]> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  /** A request as the console's script sends it: JSON, with the console's header. */
  HttpResponse<byte[]> fromConsole(String method, String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .header(ConsoleHandler.CONSOLE_HEADER, "1")
            .build());
  }

  /** Signs in; the session cookie, if any, is kept for the next requests. */
  HttpResponse<byte[]> signIn(String name, String password) {
    return fromConsole(
        "POST",
        "/console/session",
        "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}");
  }

  /** Runs a Step Functions action through the console. */
  HttpResponse<byte[]> call(String action, String json) {
    return fromConsole("POST", "/console/api/" + action, json);
  }

  /** Sends a request with this client's cookies. */
  HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
