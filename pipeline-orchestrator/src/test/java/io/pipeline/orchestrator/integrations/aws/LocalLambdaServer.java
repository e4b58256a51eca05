package io.pipeline.orchestrator.integrations.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A small server that speaks Lambda's Invoke REST API ({@code POST
 * /2015-03-31/functions/{name}/invocations}) for tests: functions are Java functions from the
 * payload text to the answer text, a function can fail as Lambda reports a function's error ({@code
 * X-Amz-Function-Error}), and an unknown function is Lambda's 404 {@code
 * ResourceNotFoundException}. Every invocation is recorded. Signatures are not checked.
 */
final class LocalLambdaServer implements AutoCloseable {

  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";
  private static final String PATH_PREFIX = "/2015-03-31/functions/";

  /** One invocation as the server received it. */
  record Invocation(
      String functionName,
      Optional<String> qualifier,
      Optional<String> invocationType,
      Optional<String> clientContext,
      String payload,
      String requestId) {}

  /** What a function answers: a result, or a function error with its error payload. */
  record Answer(String payload, boolean functionError) {

    static Answer result(String payload) {
      return new Answer(payload, false);
    }

    static Answer error(String errorType, String errorMessage) {
      return new Answer(
          "{\"errorMessage\":\""
              + errorMessage
              + "\",\"errorType\":\""
              + errorType
              + "\",\"stackTrace\":[\"  File \\\"/var/task/app.py\\\", line 3, in handler\\n\"]}",
          true);
    }
  }

  private final HttpServer server;
  private final Map<String, java.util.function.Function<String, Answer>> functions =
      new ConcurrentHashMap<>();
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();

  private LocalLambdaServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server on a free port of the loopback address. */
  static LocalLambdaServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LocalLambdaServer lambda = new LocalLambdaServer(server);
      server.createContext("/", lambda::handle);
      server.start();
      return lambda;
    } catch (IOException e) {
      throw new UncheckedIOException("The local Lambda server did not start", e);
    }
  }

  /** The URL to configure as the Lambda endpoint. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds a function that answers with a result. */
  LocalLambdaServer function(String name, UnaryOperator<String> handler) {
    functions.put(name, payload -> Answer.result(handler.apply(payload)));
    return this;
  }

  /** Adds a function that answers as it chooses, e.g. with an error. */
  LocalLambdaServer answering(String name, java.util.function.Function<String, Answer> handler) {
    functions.put(name, handler);
    return this;
  }

  /** The invocations received so far, oldest first. */
  List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  /** The ARN of a function of this server. */
  static String arn(String name) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (!"POST".equals(exchange.getRequestMethod())
          || !path.startsWith(PATH_PREFIX)
          || !path.endsWith("/invocations")) {
        send(exchange, 400, Map.of(), "{\"message\":\"not an Invoke request\"}");
        return;
      }
      String requested =
          URLDecoder.decode(
              path.substring(PATH_PREFIX.length(), path.length() - "/invocations".length()),
              StandardCharsets.UTF_8);
      // A function is named by its name or its ARN, which may end in a version or alias.
      String name = requested;
      Optional<String> qualifier = query(exchange, "Qualifier");
      if (requested.startsWith("arn:")) {
        String[] parts = requested.split(":");
        name = parts[6];
        if (parts.length > 7) {
          qualifier = Optional.of(parts[7]);
        }
      }
      String payload;
      try (InputStream body = exchange.getRequestBody()) {
        payload = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
      String requestId = UUID.randomUUID().toString();
      Optional<String> type =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"));
      invocations.add(
          new Invocation(
              name,
              qualifier,
              type,
              Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Client-Context")),
              payload,
              requestId));
      java.util.function.Function<String, Answer> function = functions.get(name);
      if (function == null) {
        send(
            exchange,
            404,
            Map.of("x-amzn-ErrorType", "ResourceNotFoundException", "x-amzn-RequestId", requestId),
            "{\"Type\":\"User\",\"message\":\"Function not found: " + arn(name) + "\"}");
        return;
      }
      Answer answer = function.apply(payload);
      Map<String, String> headers =
          answer.functionError()
              ? Map.of(
                  "X-Amz-Executed-Version",
                  qualifier.orElse("$LATEST"),
                  "x-amzn-RequestId",
                  requestId,
                  "X-Amz-Function-Error",
                  "Unhandled")
              : Map.of(
                  "X-Amz-Executed-Version",
                  qualifier.orElse("$LATEST"),
                  "x-amzn-RequestId",
                  requestId);
      if (type.filter("Event"::equals).isPresent()) {
        send(exchange, 202, Map.of("x-amzn-RequestId", requestId), "");
        return;
      }
      send(exchange, 200, headers, answer.payload());
    }
  }

  private static Optional<String> query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
