package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.orchestrator.api.ApiRequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's HTTP side on a running orchestrator: its files, sessions, and the bridge to the
 * Step Functions actions, which answers what the SigV4-signed API answers.
 */
class ConsoleHandlerIT {

  private static final String HELLO =
      "{\"StartAt\": \"Hi\", \"States\": {\"Hi\": {\"Type\": \"Pass\", \"End\": true}}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of(
              "ORCHESTRATOR_CONSOLE_USERS",
              "tester:tester-password, hashed:"
                  + Password.hash("hashed-password", new SecureRandom()),
              "ORCHESTRATOR_API_RATE_LIMITS",
              "ListActivities=1"));

  private static URI api;

  @BeforeAll
  static void connect(OrchestratorFixture orchestrator) {
    api = orchestrator.apiUri();
  }

  @Test
  void shouldRedirectToTheConsoleFolderWhenThePathHasNoSlash() {
    // when
    HttpResponse<byte[]> answer = new ConsoleHttp(api).get("/console", Map.of());

    // then
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
  }

  @Test
  void shouldAnswerThePageUncachedWhenThePathIsAnAddressOfTheConsole() {
    // given
    ConsoleHttp browser = new ConsoleHttp(api);

    // when
    HttpResponse<byte[]> root = browser.get("/console/", Map.of());
    HttpResponse<byte[]> route =
        browser.get(
            "/console/state-machines/arn%3Aaws%3Astates%3Aus-east-1%3A0%3AstateMachine%3Aa.b",
            Map.of());

    // then
    for (HttpResponse<byte[]> answer : List.of(root, route)) {
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
      assertThat(answer.headers().firstValue("Cache-Control")).contains("no-cache");
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }
    assertThat(route.body()).isEqualTo(root.body());
  }

  @Test
  void shouldAnswerTheBundlesCachedForAYearGzippedWhenThePageNamesThem() {
    // given
    ConsoleHttp browser = new ConsoleHttp(api);
    String script = scriptOf(browser.get("/console/", Map.of()));

    // when
    HttpResponse<byte[]> plain = browser.get(script, Map.of());
    HttpResponse<byte[]> gzipped = browser.get(script, Map.of("Accept-Encoding", "gzip"));
    HttpResponse<byte[]> again =
        browser.get(
            script, Map.of("If-None-Match", plain.headers().firstValue("ETag").orElseThrow()));

    // then
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type"))
        .contains("text/javascript; charset=utf-8");
    assertThat(plain.headers().firstValue("Cache-Control"))
        .contains("public, max-age=31536000, immutable");
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(gzipped.body().length).isLessThan(plain.body().length);
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void shouldAnswerNotFoundWhenABundleIsUnknown() {
    // when
    HttpResponse<byte[]> answer =
        new ConsoleHttp(api).get("/console/assets/main-NOTHERE.js", Map.of());

    // then
    assertThat(answer.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldSetAnHttpOnlyStrictSessionCookieWhenTheSignInSucceeds() throws IOException {
    // given
    ConsoleHttp browser = new ConsoleHttp(api);

    // when
    HttpResponse<byte[]> signedIn = browser.signIn("tester", "tester-password");
    HttpResponse<byte[]> current = browser.get("/console/session", Map.of());

    // then
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(json(signedIn).path("name").asText()).isEqualTo("tester");
    assertThat(signedIn.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(
            cookie ->
                assertThat(cookie)
                    .startsWith("pipeline_console_session=v1.")
                    .contains("Path=/console", "HttpOnly", "SameSite=Strict", "Max-Age=43200")
                    .doesNotContain("Secure"));
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(json(current).path("name").asText()).isEqualTo("tester");
  }

  @Test
  void shouldSignInWhenTheUserIsConfiguredWithAPasswordHash() throws IOException {
    // when
    HttpResponse<byte[]> signedIn = new ConsoleHttp(api).signIn("hashed", "hashed-password");

    // then
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(json(signedIn).path("name").asText()).isEqualTo("hashed");
  }

  @Test
  void shouldRefuseWithoutACookieWhenThePasswordIsWrong() throws IOException {
    // given
    ConsoleHttp browser = new ConsoleHttp(api);

    // when
    HttpResponse<byte[]> refused = browser.signIn("tester", "wrong");
    HttpResponse<byte[]> unknown = browser.signIn("nobody", "tester-password");

    // then
    for (HttpResponse<byte[]> answer : List.of(refused, unknown)) {
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(json(answer).path("__type").asText()).isEqualTo("SignInFailedException");
      assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    }
    assertThat(browser.get("/console/session", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRefuseActionsAsNotSignedInWhenThereIsNoSession() throws IOException {
    // when
    HttpResponse<byte[]> answer = new ConsoleHttp(api).call("ListStateMachines", "{}");

    // then
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(json(answer).path("__type").asText()).isEqualTo("NotSignedInException");
  }

  @Test
  void shouldRefuseChangesWhenTheConsoleHeaderIsMissing() throws IOException {
    // given
    ConsoleHttp browser = new ConsoleHttp(api);
    browser.signIn("tester", "tester-password");

    // when
    HttpResponse<byte[]> answer =
        browser.send(
            HttpRequest.newBuilder(api.resolve("/console/api/ListStateMachines"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .build());

    // then
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(json(answer).path("__type").asText()).isEqualTo("AccessDeniedException");
  }

  @Test
  void shouldAnswerWhatTheSigV4ApiAnswersWhenASignedInUserRunsAnAction(
      OrchestratorFixture orchestrator) throws Exception {
    // given
    String machine = orchestrator.createMachine("bridged", HELLO);
    String missing = machine + "-missing";
    ConsoleHttp browser = new ConsoleHttp(api);
    browser.signIn("tester", "tester-password");

    // when
    HttpResponse<byte[]> described = browser.call("DescribeStateMachine", arnBody(machine));
    HttpResponse<byte[]> notFound = browser.call("DescribeStateMachine", arnBody(missing));

    // then
    assertThat(described.statusCode()).isEqualTo(200);
    assertThat(json(described)).isEqualTo(json(signed("DescribeStateMachine", arnBody(machine))));
    assertThat(notFound.statusCode()).isEqualTo(400);
    assertThat(json(notFound).path("__type").asText()).isEqualTo("StateMachineDoesNotExist");
    assertThat(json(notFound)).isEqualTo(json(signed("DescribeStateMachine", arnBody(missing))));
  }

  @Test
  void shouldThrottleAsTheSigV4ApiWhenAnActionIsOverItsRate() throws IOException {
    // given: ListActivities takes one request a second on this orchestrator
    ConsoleHttp browser = new ConsoleHttp(api);
    browser.signIn("tester", "tester-password");

    // when: three requests within a second or two periods at most
    List<HttpResponse<byte[]>> answers =
        IntStream.range(0, 3).mapToObj(i -> browser.call("ListActivities", "{}")).toList();

    // then
    List<String> throttled =
        answers.stream().filter(a -> a.statusCode() == 400).map(a -> type(a)).toList();
    assertThat(throttled).isNotEmpty().containsOnly("ThrottlingException");
  }

  @Test
  void shouldEndTheSessionWhenTheUserSignsOut() {
    // given
    ConsoleHttp browser = new ConsoleHttp(api);
    browser.signIn("tester", "tester-password");

    // when
    HttpResponse<byte[]> signedOut = browser.fromConsole("DELETE", "/console/session", "");

    // then
    assertThat(signedOut.statusCode()).isEqualTo(200);
    assertThat(signedOut.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(
            cookie ->
                assertThat(cookie)
                    .startsWith("pipeline_console_session=;")
                    .contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT", "Path=/console"));
    assertThat(browser.get("/console/session", Map.of()).statusCode()).isEqualTo(401);
    assertThat(browser.call("ListStateMachines", "{}").statusCode()).isEqualTo(401);
  }

  private static String scriptOf(HttpResponse<byte[]> page) {
    Matcher script =
        Pattern.compile("src=\"(/console/assets/main-[A-Z0-9]+\\.js)\"")
            .matcher(new String(page.body(), StandardCharsets.UTF_8));
    assertThat(script.find()).as("the page names its script").isTrue();
    return script.group(1);
  }

  private static String arnBody(String arn) {
    return "{\"stateMachineArn\": \"" + arn + "\"}";
  }

  private static HttpResponse<byte[]> signed(String action, String body) {
    ApiRequestSigner signer =
        new ApiRequestSigner(
            ApiCredentials.LOCAL_ACCESS_KEY_ID,
            ApiCredentials.LOCAL_SECRET_ACCESS_KEY,
            "us-east-1",
            Clock.systemUTC());
    return new ConsoleHttp(api)
        .send(signer.request(api, action, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode json(HttpResponse<byte[]> answer) throws IOException {
    return JSON.readTree(answer.body());
  }

  private static String type(HttpResponse<byte[]> answer) {
    try {
      return json(answer).path("__type").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
