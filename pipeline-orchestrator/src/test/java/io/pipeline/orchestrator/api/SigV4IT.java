package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.Sfn.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * SigV4 on the Step Functions API, with the official AWS SDK's client and signer: configured keys
 * are answered; an unknown key, a wrong secret, another region, a changed body, an old date and no
 * signature are refused as AWS refuses them.
 */
class SigV4IT {

  private static final String SECOND_KEY = "AKIDSECOND";
  private static final String SECOND_SECRET = "second/secret+of=this:test";
  private static final String HELLO =
      "{\"StartAt\": \"Hi\", \"States\": {\"Hi\": {\"Type\": \"Pass\", \"End\": true}}}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of(
              "ORCHESTRATOR_CREDENTIALS",
              ApiCredentials.LOCAL + ", " + SECOND_KEY + ":" + SECOND_SECRET));

  private static URI api;

  @BeforeAll
  static void connect(OrchestratorFixture orchestrator) {
    api = orchestrator.apiUri();
  }

  @Test
  void shouldAnswerClientsSigningWithEachConfiguredKey(OrchestratorFixture orchestrator) {
    String machine = orchestrator.createMachine("signed", HELLO);

    try (SfnClient second = client(Region.US_EAST_1, SECOND_KEY, SECOND_SECRET)) {
      assertThat(second.describeStateMachine(b -> b.stateMachineArn(machine)).stateMachineArn())
          .isEqualTo(machine);
    }
  }

  @Test
  void shouldRefuseAnUnknownKeyWithUnrecognizedClientException() {
    try (SfnClient unknown = client(Region.US_EAST_1, "AKIDUNKNOWN", SECOND_SECRET)) {
      assertRefused(
          unknown,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.");
    }
  }

  @Test
  void shouldRefuseAWrongSecretWithInvalidSignatureException() {
    try (SfnClient wrong = client(Region.US_EAST_1, SECOND_KEY, "not-the-secret")) {
      assertRefused(
          wrong,
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided.");
    }
  }

  @Test
  void shouldRefuseAClientOfAnotherRegion() {
    try (SfnClient west =
        client(
            Region.US_WEST_2,
            ApiCredentials.LOCAL_ACCESS_KEY_ID,
            ApiCredentials.LOCAL_SECRET_ACCESS_KEY)) {
      assertRefused(
          west,
          "InvalidSignatureException",
          "Credential should be scoped to a valid region, not 'us-west-2'.");
    }
  }

  @Test
  void shouldAnswerARawRequestSignedByTheSdkSigner() throws Exception {
    String name = LocalStack.uniqueName("raw");

    HttpResponse<String> answer =
        send(signer(Instant.now()).request(api, "CreateStateMachine", create(name)));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("stateMachineArn").asText()).endsWith(":" + name);
  }

  @Test
  void shouldRefuseABodyOtherThanTheSignedOneAndNotActOnIt(OrchestratorFixture orchestrator)
      throws Exception {
    String signedName = LocalStack.uniqueName("signed-name");
    String sentName = LocalStack.uniqueName("sent-name");
    Map<String, String> headers = ApiRequestSigner.protocolHeaders("CreateStateMachine");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api).POST(HttpRequest.BodyPublishers.ofByteArray(create(sentName)));
    headers.forEach(request::header);
    signer(Instant.now()).sign(api, headers, create(signedName)).forEach(request::header);

    HttpResponse<String> answer = send(request.build());

    assertError(answer, "InvalidSignatureException", "does not match the signature you provided");
    String sentArn = "arn:aws:states:us-east-1:000000000000:stateMachine:" + sentName;
    assertThatThrownBy(
            () -> orchestrator.sfn().describeStateMachine(b -> b.stateMachineArn(sentArn)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void shouldRefuseARequestSignedTwentyMinutesAgo() throws Exception {
    Instant then = Instant.now().minus(Duration.ofMinutes(20));

    HttpResponse<String> answer =
        send(signer(then).request(api, "ListStateMachines", "{}".getBytes(StandardCharsets.UTF_8)));

    assertError(
        answer,
        "InvalidSignatureException",
        "Signature expired: " + SigV4Verifier.AMZ_DATE.format(then) + " is now earlier than");
  }

  @Test
  void shouldRefuseAnUnsignedRequestWithMissingAuthenticationToken() throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api).POST(HttpRequest.BodyPublishers.ofString("{}"));
    ApiRequestSigner.protocolHeaders("ListStateMachines").forEach(request::header);

    assertError(
        send(request.build()),
        "MissingAuthenticationTokenException",
        "Missing Authentication Token");
  }

  private static SfnClient client(Region region, String accessKeyId, String secret) {
    return Sfn.client(api, region, accessKeyId, secret);
  }

  private static ApiRequestSigner signer(Instant at) {
    return new ApiRequestSigner(
        ApiCredentials.LOCAL_ACCESS_KEY_ID,
        ApiCredentials.LOCAL_SECRET_ACCESS_KEY,
        "us-east-1",
        Clock.fixed(at, ZoneOffset.UTC));
  }

  private static byte[] create(String name) {
    return JSON.createObjectNode()
        .put("name", name)
        .put("roleArn", ROLE)
        .put("definition", HELLO)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(SfnClient client, String errorCode, String message) {
    assertThatThrownBy(client::listStateMachines)
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains(message);
            });
  }

  private static void assertError(HttpResponse<String> answer, String type, String message)
      throws Exception {
    JsonNode error = JSON.readTree(answer.body());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(error.path("__type").asText()).isEqualTo(type);
    assertThat(error.path("message").asText()).contains(message);
  }
}
