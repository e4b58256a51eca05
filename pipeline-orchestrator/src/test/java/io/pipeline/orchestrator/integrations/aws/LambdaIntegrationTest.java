package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.Settings;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lambda tasks against a local server that speaks Lambda's Invoke API, through the real AWS SDK
 * client.
 */
class LambdaIntegrationTest {

  private static final String INVOKE = "arn:aws:states:::lambda:invoke";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static LocalLambdaServer server;
  private static LambdaIntegration lambda;

  @BeforeAll
  static void start() {
    server =
        LocalLambdaServer.start()
            .function("echo", payload -> payload)
            .function("greet", payload -> "{\"greeting\":\"hello\"}")
            .function("plain", payload -> "not json")
            .answering(
                "fail",
                payload -> LocalLambdaServer.Answer.error("ValueError", "the order has no id"));
    lambda = LambdaIntegration.create(config(server.endpoint().toString()));
  }

  @AfterAll
  static void stop() {
    lambda.close();
    server.close();
  }

  private static LambdaIntegrationConfig config(String endpoint) {
    return config(endpoint, "10s");
  }

  private static LambdaIntegrationConfig config(String endpoint, String callTimeout) {
    return LambdaIntegrationConfig.from(
        Settings.of(
            Map.of(
                "ORCHESTRATOR_LAMBDA_ENDPOINT",
                endpoint,
                "ORCHESTRATOR_LAMBDA_ACCESS_KEY_ID",
                "test",
                "ORCHESTRATOR_LAMBDA_SECRET_ACCESS_KEY",
                "test-secret",
                "ORCHESTRATOR_LAMBDA_CALL_TIMEOUT",
                callTimeout)));
  }

  @Test
  void shouldServeInvokeAndFunctionArnsButNotCallbacks() {
    assertThat(lambda.serves(INVOKE)).isTrue();
    assertThat(lambda.serves("arn:aws:lambda:eu-west-1:123456789012:function:orders")).isTrue();
    assertThat(lambda.serves("arn:aws:lambda:eu-west-1:123456789012:function:orders:live"))
        .isTrue();
    assertThat(lambda.serves(INVOKE + ".waitForTaskToken")).isFalse();
    assertThat(lambda.serves("arn:aws:states:::aws-sdk:s3:getObject")).isFalse();
    assertThat(lambda.serves("arn:aws:lambda:eu-west-1:123456789012:layer:x")).isFalse();
  }

  @Test
  void shouldAnswerAsStepFunctionsWhenInvoked() throws Exception {
    // given
    JsonNode parameters = json("{\"FunctionName\":\"echo\",\"Payload\":{\"orderId\":42}}");

    // when
    JsonNode result = call(INVOKE, parameters);

    // then
    LocalLambdaServer.Invocation invocation = last();
    assertThat(invocation.functionName()).isEqualTo("echo");
    assertThat(json(invocation.payload())).isEqualTo(json("{\"orderId\":42}"));
    assertThat(result.get("Payload")).isEqualTo(json("{\"orderId\":42}"));
    assertThat(result.get("StatusCode").intValue()).isEqualTo(200);
    assertThat(result.get("ExecutedVersion").textValue()).isEqualTo("$LATEST");
    assertThat(result.at("/SdkHttpMetadata/HttpStatusCode").intValue()).isEqualTo(200);
    // The JDK's server sends header names in its own case (X-amz-executed-version).
    assertThat(header(result.at("/SdkHttpMetadata/HttpHeaders"), "X-Amz-Executed-Version"))
        .isEqualTo(json("\"$LATEST\""));
    assertThat(header(result.at("/SdkHttpMetadata/AllHttpHeaders"), "X-Amz-Executed-Version"))
        .isEqualTo(json("[\"$LATEST\"]"));
    assertThat(result.at("/SdkResponseMetadata/RequestId").textValue())
        .isEqualTo(invocation.requestId());
  }

  @Test
  void shouldPassQualifierInvocationTypeAndClientContextWhenGiven() throws Exception {
    // given
    JsonNode parameters =
        json(
            "{\"FunctionName\":\"echo\",\"Qualifier\":\"live\",\"InvocationType\":\"Event\","
                + "\"ClientContext\":\"eyJjdXN0b20iOnt9fQ==\",\"Payload\":{}}");

    // when
    JsonNode result = call(INVOKE, parameters);

    // then
    LocalLambdaServer.Invocation invocation = last();
    assertThat(invocation.qualifier()).contains("live");
    assertThat(invocation.invocationType()).contains("Event");
    assertThat(invocation.clientContext()).contains("eyJjdXN0b20iOnt9fQ==");
    assertThat(result.get("StatusCode").intValue()).isEqualTo(202);
    assertThat(result.get("Payload").textValue()).isEmpty();
  }

  @Test
  void shouldSendJsonTextAsItIsAndOtherTextAsJsonStringWhenPayloadIsAString() throws Exception {
    // when
    call(INVOKE, json("{\"FunctionName\":\"echo\",\"Payload\":\"{\\\"a\\\":1}\"}"));
    String jsonText = last().payload();
    call(INVOKE, json("{\"FunctionName\":\"echo\",\"Payload\":\"just text\"}"));
    String otherText = last().payload();
    call(INVOKE, json("{\"FunctionName\":\"echo\",\"Payload\":null}"));
    String nullPayload = last().payload();

    // then
    assertThat(jsonText).isEqualTo("{\"a\":1}");
    assertThat(otherText).isEqualTo("\"just text\"");
    assertThat(nullPayload).isEqualTo("{}");
  }

  @Test
  void shouldKeepAnswerAsTextWhenFunctionAnswersWithSomethingElseThanJson() throws Exception {
    JsonNode result = call(INVOKE, json("{\"FunctionName\":\"plain\"}"));

    assertThat(result.get("Payload").textValue()).isEqualTo("not json");
  }

  @Test
  void shouldAnswerWithPayloadAloneWhenResourceIsTheFunctionArn() throws Exception {
    // given
    String resource = LocalLambdaServer.arn("greet") + ":v2";

    // when
    JsonNode result = call(resource, json("{\"orderId\":7}"));

    // then
    assertThat(result).isEqualTo(json("{\"greeting\":\"hello\"}"));
    LocalLambdaServer.Invocation invocation = last();
    assertThat(invocation.functionName()).isEqualTo("greet");
    assertThat(invocation.qualifier()).contains("v2");
    assertThat(json(invocation.payload())).isEqualTo(json("{\"orderId\":7}"));
  }

  @Test
  void shouldFailWithErrorTypeAndErrorPayloadWhenFunctionFails() {
    // when
    TaskFailure failure = failure(INVOKE, json("{\"FunctionName\":\"fail\",\"Payload\":{}}"));

    // then
    assertThat(failure.error()).isEqualTo("ValueError");
    JsonNode cause = json(failure.cause());
    assertThat(cause.get("errorMessage").textValue()).isEqualTo("the order has no id");
    assertThat(cause.get("errorType").textValue()).isEqualTo("ValueError");
  }

  @Test
  void shouldFailWithErrorTypeWhenFunctionCalledByArnFails() {
    TaskFailure failure = failure(LocalLambdaServer.arn("fail"), json("{}"));

    assertThat(failure.error()).isEqualTo("ValueError");
    assertThat(failure.cause()).contains("the order has no id");
  }

  @Test
  void shouldFailWithResourceNotFoundWhenFunctionIsUnknown() {
    // when
    TaskFailure failure = failure(INVOKE, json("{\"FunctionName\":\"missing\"}"));

    // then
    assertThat(failure.error()).isEqualTo("Lambda.ResourceNotFoundException");
    assertThat(failure.cause())
        .startsWith("Function not found: " + LocalLambdaServer.arn("missing"))
        .contains("(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;")
        .contains("Request ID: " + last().requestId());
  }

  @Test
  void shouldRefuseParametersInvokeDoesNotTakeWithoutCallingLambda() {
    // given
    int before = server.invocations().size();

    // when
    TaskFailure failure =
        failure(INVOKE, json("{\"FunctionName\":\"echo\",\"Payload\":{},\"Color\":\"red\"}"));
    TaskFailure missing = failure(INVOKE, json("{\"Payload\":{}}"));
    TaskFailure wrongType = failure(INVOKE, json("{\"FunctionName\":7}"));

    // then
    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .contains("could not be used to start the Task")
        .contains("The field \"Color\" is not supported by Step Functions");
    assertThat(missing.cause()).contains("The field \"FunctionName\" is required");
    assertThat(wrongType.cause())
        .contains("The value for the field \"FunctionName\" must be a STRING");
    assertThat(server.invocations()).hasSize(before);
  }

  @Test
  void shouldFailNamingTheSettingWhenNoEndpointIsConfigured() {
    // given
    LambdaIntegration unconfigured =
        LambdaIntegration.create(LambdaIntegrationConfig.from(Settings.of(Map.of())));

    // when
    TaskFailure failure =
        failure(unconfigured.call(task(INVOKE, json("{\"FunctionName\":\"echo\"}"))));

    // then
    assertThat(unconfigured.serves(INVOKE)).isTrue();
    assertThat(failure.error()).isEqualTo("States.TaskFailed");
    assertThat(failure.cause()).contains("ORCHESTRATOR_LAMBDA_ENDPOINT");
  }

  @Test
  void shouldFailWithSdkClientExceptionWhenEndpointIsUnreachable() throws IOException {
    // given
    // Port 1: nothing listens there (a port freed for the test could be taken meanwhile by
    // another process, which would answer nothing and time the call out instead).
    // A call timeout well above the SDK's retries of a refused connection: on a loaded machine
    // (a CI run beside other builds) they took over ten seconds.
    try (LambdaIntegration unreachable =
        LambdaIntegration.create(config("http://127.0.0.1:1", "120s"))) {

      // when
      TaskFailure failure =
          failure(unreachable.call(task(INVOKE, json("{\"FunctionName\":\"echo\"}"))));

      // then
      assertThat(failure.error()).isEqualTo("Lambda.SdkClientException");
      assertThat(failure.cause()).isNotBlank();
    }
  }

  private static JsonNode call(String resource, JsonNode parameters) throws Exception {
    return lambda.call(task(resource, parameters)).get(30, TimeUnit.SECONDS);
  }

  private static TaskFailure failure(String resource, JsonNode parameters) {
    return failure(lambda.call(task(resource, parameters)));
  }

  private static TaskFailure failure(CompletableFuture<JsonNode> call) {
    ExecutionException thrown =
        catchThrowableOfType(
            () -> call.get(Duration.ofSeconds(150).toMillis(), TimeUnit.MILLISECONDS),
            ExecutionException.class);
    assertThat(thrown).as("the call fails").isNotNull();
    assertThat(thrown.getCause()).isInstanceOf(TaskFailure.class);
    return (TaskFailure) thrown.getCause();
  }

  private static IntegrationCall task(String resource, JsonNode parameters) {
    return new IntegrationCall(
        resource,
        parameters,
        "idempotency-key",
        "arn:aws:states:us-east-1:000000000000:execution:m:e");
  }

  private static JsonNode header(JsonNode headers, String name) {
    java.util.Iterator<String> names = headers.fieldNames();
    while (names.hasNext()) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return headers.get(candidate);
      }
    }
    return null;
  }

  private static LocalLambdaServer.Invocation last() {
    return server.invocations().get(server.invocations().size() - 1);
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
