package io.pipeline.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.orchestrator.api.ApiRequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The few Step Functions actions the benchmark calls, in the API's JSON 1.0 protocol over the JDK's
 * HTTP client, signed with the documented local access key as the AWS SDKs sign.
 */
final class SfnApi {

  static final String ROLE = "arn:aws:iam::000000000000:role/pipeline";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final ApiRequestSigner signer;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param endpoint the orchestrator's API
   * @param region its region, which signatures are scoped to
   */
  SfnApi(URI endpoint, String region) {
    this.endpoint = endpoint;
    this.signer =
        new ApiRequestSigner(
            ApiCredentials.LOCAL_ACCESS_KEY_ID,
            ApiCredentials.LOCAL_SECRET_ACCESS_KEY,
            region,
            Clock.systemUTC());
  }

  /** A created state machine: its ARN and the revision executions are pinned to. */
  record Machine(String arn, String revisionId) {
    /** The ARN of its Standard execution of this name. */
    String executionArn(String name) {
      return arn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
    }
  }

  /**
   * Creates a state machine.
   *
   * @param type STANDARD or EXPRESS
   * @param logLevel its logging level (ALL writes every Express event to the log topic)
   */
  Machine create(String name, String definition, String type, String logLevel) {
    ObjectNode request = JSON.createObjectNode();
    request.put("name", name);
    request.put("definition", definition);
    request.put("roleArn", ROLE);
    request.put("type", type);
    request.putObject("loggingConfiguration").put("level", logLevel);
    String arn = call("CreateStateMachine", request).join().path("stateMachineArn").asText();
    ObjectNode describe = JSON.createObjectNode().put("stateMachineArn", arn);
    return new Machine(
        arn, call("DescribeStateMachine", describe).join().path("revisionId").asText());
  }

  /** Starts a Standard execution; completes once the runtime accepted it. */
  CompletableFuture<JsonNode> startExecution(Machine machine, String name, String input) {
    ObjectNode request = JSON.createObjectNode();
    request.put("stateMachineArn", machine.arn());
    request.put("name", name);
    request.put("input", input);
    return call("StartExecution", request);
  }

  private CompletableFuture<JsonNode> call(String action, JsonNode body) {
    HttpRequest request =
        signer.request(endpoint, action, body.toString().getBytes(StandardCharsets.UTF_8));
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException(
                    action + " answered " + response.statusCode() + ": " + response.body());
              }
              try {
                return JSON.readTree(response.body());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
