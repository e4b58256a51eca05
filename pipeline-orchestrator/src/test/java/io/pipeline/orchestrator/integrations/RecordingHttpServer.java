package io.pipeline.orchestrator.integrations;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free local port (the JDK's), for the HTTP Task's tests: each path answers
 * as a test says, and every request it received is kept.
 */
final class RecordingHttpServer implements AutoCloseable {

  /** A request as received. */
  record Received(String method, String path, String rawQuery, Headers headers, String body) {

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.getFirst(name));
    }
  }

  /** An answer to give. */
  record Answer(int status, Map<String, String> headers, String body) {

    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body);
    }

    static Answer text(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "text/plain; charset=UTF-8"), body);
    }
  }

  /** How a path answers. */
  interface Route {
    Answer answer(Received request) throws Exception;
  }

  /** How a path answers when a test writes the answer itself (chunks, pauses). */
  interface RawRoute {
    void answer(HttpExchange exchange) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, RawRoute> rawRoutes = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  RecordingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Makes a path answer this way. */
  RecordingHttpServer on(String path, Route route) {
    routes.put(path, route);
    return this;
  }

  /** Makes a path answer through a test's own code. */
  RecordingHttpServer onRaw(String path, RawRoute route) {
    rawRoutes.put(path, route);
    return this;
  }

  /** The URL of a path on this server. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The requests a path received, oldest first. */
  List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** The one request a path received. */
  Received only(String path) {
    List<Received> requests = received(path);
    if (requests.size() != 1) {
      throw new AssertionError(path + " received " + requests.size() + " requests, not 1");
    }
    return requests.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Received request =
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders(),
              body);
      received.add(request);
      RawRoute raw = rawRoutes.get(request.path());
      if (raw != null) {
        try {
          raw.answer(exchange);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          // the client went away: nothing to answer
        }
        return;
      }
      Route route = routes.get(request.path());
      Answer answer;
      try {
        answer =
            route == null ? Answer.text(404, "no route " + request.path()) : route.answer(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        answer = Answer.text(599, "route failed: " + e);
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      boolean empty = bytes.length == 0 || request.method().equals("HEAD");
      exchange.sendResponseHeaders(answer.status(), empty ? -1 : bytes.length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
