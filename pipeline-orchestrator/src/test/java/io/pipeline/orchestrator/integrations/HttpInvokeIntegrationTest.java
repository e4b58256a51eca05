package io.pipeline.orchestrator.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.integrations.RecordingHttpServer.Answer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP Task against a real HTTP server on this machine: round trips, AWS's error names for
 * failed answers, timeouts and refused connections. Credentials are in {@link
 * HttpInvokeAuthenticationTest}.
 */
class HttpInvokeIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXECUTION = "arn:aws:states:us-east-1:000000000000:execution:m:e1";

  private RecordingHttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new RecordingHttpServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void shouldServeHttpInvokeOnly() {
    HttpInvokeIntegration http = integration(HttpInvokeConfig.of(HttpConnections.none()));

    assertThat(http.serves("arn:aws:states:::http:invoke")).isTrue();
    assertThat(http.serves("arn:aws-us-gov:states:us-gov-west-1:123456789012:http:invoke"))
        .isTrue();
    assertThat(http.serves("arn:aws:states:::http:invoke.waitForTaskToken")).isFalse();
    assertThat(http.serves("arn:aws:states:::lambda:invoke")).isFalse();
  }

  @Test
  void shouldGiveHeadersJsonBodyAndStatusWhenAGetSucceeds() throws Exception {
    // given
    server.on("/customers", r -> Answer.json(200, "{\"data\": [{\"id\": \"cus_1\"}]}"));

    // when
    JsonNode result =
        run(
            "{\"ApiEndpoint\": \""
                + server.url("/customers")
                + "\", \"Method\": \"GET\", \"QueryParameters\": {\"limit\": 2, \"q\": \"a b\"}}",
            "key-1");

    // then
    assertThat(result.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.get("StatusCode").isNumber()).isTrue();
    assertThat(result.get("StatusText").asText()).isEqualTo("OK");
    assertThat(result.get("ResponseBody")).isEqualTo(json("{\"data\": [{\"id\": \"cus_1\"}]}"));
    assertThat(result.get("Headers").get("content-type").get(0).asText())
        .isEqualTo("application/json");
    RecordingHttpServer.Received request = server.only("/customers");
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.rawQuery()).isEqualTo("limit=2&q=a%20b");
    assertThat(request.header("Idempotency-Key")).contains("key-1");
    assertThat(request.header("Authorization")).isEmpty();
  }

  @Test
  void shouldGiveEveryValueOfAHeaderWhenItRepeats() throws Exception {
    server.onRaw(
        "/cookies",
        exchange -> {
          exchange.getResponseHeaders().add("Set-Cookie", "a=1");
          exchange.getResponseHeaders().add("Set-Cookie", "b=2");
          exchange.sendResponseHeaders(204, -1);
        });

    JsonNode result = run(get("/cookies"), "k");

    assertThat(result.get("Headers").get("set-cookie")).isEqualTo(json("[\"a=1\", \"b=2\"]"));
    assertThat(result.get("StatusText").asText()).isEqualTo("No Content");
    assertThat(result.get("ResponseBody").asText()).isEmpty();
  }

  @Test
  void shouldSendJsonAndGiveTextWhenAPostAnswersText() throws Exception {
    // given
    server.on("/echo", r -> Answer.text(201, r.header("Content-Type").orElse("") + "|" + r.body()));

    // when
    JsonNode result =
        run(
            "{\"ApiEndpoint\": \""
                + server.url("/echo")
                + "\", \"Method\": \"POST\", \"Headers\": {\"X-Tenant\": \"t1\"},"
                + " \"RequestBody\": {\"order\": 7, \"items\": [\"a\"]}}",
            "key-2");

    // then
    assertThat(result.get("StatusCode").asInt()).isEqualTo(201);
    assertThat(result.get("StatusText").asText()).isEqualTo("Created");
    assertThat(result.get("ResponseBody").isTextual()).isTrue();
    assertThat(result.get("ResponseBody").asText())
        .isEqualTo("application/json; charset=UTF-8|{\"order\":7,\"items\":[\"a\"]}");
    assertThat(server.only("/echo").header("X-Tenant")).contains("t1");
  }

  @Test
  void shouldSendAUrlEncodedFormWhenTransformSaysSo() throws Exception {
    server.on(
        "/form", r -> Answer.json(200, "{\"got\": " + JSON.writeValueAsString(r.body()) + "}"));

    JsonNode result =
        run(
            "{\"ApiEndpoint\": \""
                + server.url("/form")
                + "\", \"Method\": \"PUT\", \"RequestBody\": {\"a\": [\"x\", \"y\"], \"b\": \"1 2\"},"
                + " \"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\","
                + " \"RequestEncodingOptions\": {\"ArrayFormat\": \"BRACKETS\"}}}",
            "key-3");

    assertThat(result.get("ResponseBody").get("got").asText())
        .isEqualTo("a%5B%5D=x&a%5B%5D=y&b=1+2");
    assertThat(server.only("/form").header("Content-Type"))
        .contains("application/x-www-form-urlencoded");
  }

  @Test
  void shouldFailWithStatusCode404AndTheAnswerAsCauseWhenNotFound() {
    server.on("/missing", r -> Answer.json(404, "{\"error\": \"no such order\"}"));

    TaskFailure failure = failure(get("/missing"));

    assertThat(failure.error()).isEqualTo("States.Http.StatusCode.404");
    JsonNode cause = json(failure.cause());
    assertThat(cause.get("StatusCode").asInt()).isEqualTo(404);
    assertThat(cause.get("StatusText").asText()).isEqualTo("Not Found");
    assertThat(cause.get("ResponseBody").get("error").asText()).isEqualTo("no such order");
  }

  @Test
  void shouldFailWithStatusCode500WhenTheServerFails() {
    server.on("/broken", r -> Answer.text(500, "database down"));

    TaskFailure failure = failure(get("/broken"));

    assertThat(failure.error()).isEqualTo("States.Http.StatusCode.500");
    assertThat(json(failure.cause()).get("ResponseBody").asText()).isEqualTo("database down");
  }

  @Test
  void shouldFailWithHttpSocketWhenTheServerAnswersTooLate() {
    // given: an answer after 5 s, a timeout of 300 ms
    server.on(
        "/slow",
        r -> {
          Thread.sleep(5_000);
          return Answer.text(200, "late");
        });
    HttpInvokeIntegration http = integration(config(Duration.ofMillis(300), 262_144));

    // when
    long start = System.nanoTime();
    TaskFailure failure = failure(http.call(invocation(get("/slow"), "k")));

    // then
    assertThat(failure.error()).isEqualTo("States.Http.Socket");
    assertThat(failure.cause()).contains("did not answer within PT0.3S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void shouldFailWithHttpSocketWhenTheBodyNeverEnds() {
    // given: headers at once, then a body that stops coming
    server.onRaw(
        "/trickle",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write("{\"partial\": ".getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(5_000);
        });
    HttpInvokeIntegration http = integration(config(Duration.ofMillis(500), 262_144));

    // when
    long start = System.nanoTime();
    TaskFailure failure = failure(http.call(invocation(get("/trickle"), "k")));

    // then
    assertThat(failure.error()).isEqualTo("States.Http.Socket");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void shouldFailWithHttpSocketWhenNothingListensOnThePort() throws Exception {
    // Port 1: nothing listens there (a port freed for the test could be taken meanwhile).
    int port = 1;

    TaskFailure failure =
        failure("{\"ApiEndpoint\": \"http://127.0.0.1:" + port + "/x\", \"Method\": \"GET\"}");

    assertThat(failure.error()).isEqualTo("States.Http.Socket");
    assertThat(failure.cause()).contains("127.0.0.1:" + port).contains("refused");
  }

  @Test
  void shouldFailWithDataLimitExceededWhenTheAnswerIsLargerThanTheLimit() {
    // given: a declared length over the limit, and a chunked body over it
    String big = "x".repeat(4096);
    server.on("/big", r -> Answer.text(200, big));
    server.onRaw(
        "/chunked",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 8; i++) {
              out.write(big.getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
    HttpInvokeIntegration http = integration(config(Duration.ofSeconds(10), 2048));

    // then
    for (String path : new String[] {"/big", "/chunked"}) {
      TaskFailure failure = failure(http.call(invocation(get(path), "k")));
      assertThat(failure.error()).as(path).isEqualTo("States.DataLimitExceeded");
      assertThat(failure.cause()).as(path).contains("larger than 2048 bytes").contains("256 KiB");
    }
  }

  @Test
  void shouldSendNoIdempotencyKeyWhenItIsTurnedOffAndKeepTheTasksOwn() throws Exception {
    server.on("/k", r -> Answer.text(200, r.header("Idempotency-Key").orElse("none")));
    HttpInvokeConfig off =
        new HttpInvokeConfig(
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            262_144,
            Optional.empty(),
            HttpConnections.none());

    JsonNode without =
        integration(off).call(invocation(get("/k"), "key-9")).get(10, TimeUnit.SECONDS);
    JsonNode own =
        run(
            "{\"ApiEndpoint\": \""
                + server.url("/k")
                + "\", \"Method\": \"GET\", \"Headers\": {\"idempotency-key\": \"mine\"}}",
            "key-9");

    assertThat(without.get("ResponseBody").asText()).isEqualTo("none");
    assertThat(own.get("ResponseBody").asText()).isEqualTo("mine");
  }

  @Test
  void shouldFailWithRuntimeWithoutCallingWhenParametersAreWrong() {
    TaskFailure failure =
        failure("{\"ApiEndpoint\": \"" + server.url("/x") + "\", \"Method\": \"FETCH\"}");

    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause()).contains("Method 'FETCH'");
    assertThat(server.received("/x")).isEmpty();
  }

  @Test
  void shouldFailWithRuntimeWhenTheConnectionIsNotConfigured() {
    TaskFailure failure =
        failure(
            "{\"ApiEndpoint\": \""
                + server.url("/x")
                + "\", \"Method\": \"GET\","
                + " \"Authentication\": {\"ConnectionArn\":"
                + " \"arn:aws:events:us-east-1:123456789012:connection/nope/1\"}}");

    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .contains("connection/nope/1")
        .contains("ORCHESTRATOR_HTTP_TASK_CONNECTIONS");
    assertThat(server.received("/x")).isEmpty();
  }

  private String get(String path) {
    return "{\"ApiEndpoint\": \"" + server.url(path) + "\", \"Method\": \"GET\"}";
  }

  private JsonNode run(String parameters, String key) throws Exception {
    return integration(HttpInvokeConfig.of(HttpConnections.none()))
        .call(invocation(parameters, key))
        .get(10, TimeUnit.SECONDS);
  }

  private TaskFailure failure(String parameters) {
    return failure(
        integration(HttpInvokeConfig.of(HttpConnections.none())).call(invocation(parameters, "k")));
  }

  static TaskFailure failure(CompletableFuture<JsonNode> result) {
    try {
      JsonNode value = result.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(TaskFailure.class);
      return (TaskFailure) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static IntegrationCall invocation(String parameters, String key) {
    return new IntegrationCall("arn:aws:states:::http:invoke", json(parameters), key, EXECUTION);
  }

  private static HttpInvokeConfig config(Duration timeout, int maxResponseBytes) {
    return new HttpInvokeConfig(
        timeout,
        timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5),
        maxResponseBytes,
        Optional.of("Idempotency-Key"),
        HttpConnections.none());
  }

  private static HttpInvokeIntegration integration(HttpInvokeConfig config) {
    return new HttpInvokeIntegration(config);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
