package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Lambda's Invoke as Step Functions calls it and answers it: the request from a task's parameters
 * and its result or failure from Lambda's answer.
 */
final class LambdaInvocation {

  /** The parameters {@code arn:aws:states:::lambda:invoke} takes. */
  private static final Set<String> PARAMETERS =
      Set.of("FunctionName", "Payload", "InvocationType", "Qualifier", "ClientContext", "LogType");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private LambdaInvocation() {}

  /**
   * The request of a {@code lambda:invoke} task.
   *
   * @param problems where each parameter that does not fit is described; when it is not empty
   *     afterwards, the request must not be sent
   */
  static InvokeRequest request(JsonNode parameters, List<String> problems) {
    InvokeRequest.Builder request = InvokeRequest.builder();
    parameters
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!PARAMETERS.contains(name)) {
                problems.add("The field \"" + name + "\" is not supported by Step Functions");
              }
            });
    text(parameters, "FunctionName", problems).ifPresent(request::functionName);
    if (!parameters.hasNonNull("FunctionName")) {
      problems.add("The field \"FunctionName\" is required");
    }
    text(parameters, "InvocationType", problems).ifPresent(request::invocationType);
    text(parameters, "Qualifier", problems).ifPresent(request::qualifier);
    text(parameters, "ClientContext", problems).ifPresent(request::clientContext);
    text(parameters, "LogType", problems).ifPresent(request::logType);
    if (parameters.has("Payload")) {
      request.payload(payload(parameters.get("Payload")));
    }
    return request.build();
  }

  /** The request of a task whose resource is the function's ARN: its input is the payload. */
  static InvokeRequest request(String functionArn, JsonNode input) {
    return InvokeRequest.builder().functionName(functionArn).payload(payload(input)).build();
  }

  /**
   * The payload Step Functions sends for a JSON value: its JSON text; a string that is JSON text
   * already is sent as it is; null is an empty object.
   */
  static SdkBytes payload(JsonNode value) {
    if (value == null || value.isNull()) {
      return SdkBytes.fromUtf8String("{}");
    }
    if (value.isTextual()) {
      try {
        MAPPER.readTree(value.textValue());
        return SdkBytes.fromUtf8String(value.textValue());
      } catch (JsonProcessingException notJson) {
        return SdkBytes.fromUtf8String(value.toString());
      }
    }
    return SdkBytes.fromUtf8String(value.toString());
  }

  /** The function's answer: its JSON, or its text when it is not JSON. */
  static JsonNode answer(InvokeResponse response) {
    String text = response.payload() == null ? "" : response.payload().asUtf8String();
    if (text.isBlank()) {
      return JSON.textNode(text);
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException notJson) {
      return JSON.textNode(text);
    }
  }

  /**
   * The failure a function's error is (Lambda answered with {@code X-Amz-Function-Error}): named by
   * the error's {@code errorType}, the whole error payload as cause, as Step Functions reports it.
   */
  static Optional<TaskFailure> functionError(InvokeResponse response) {
    if (response.functionError() == null) {
      return Optional.empty();
    }
    JsonNode answer = answer(response);
    JsonNode type = answer.path("errorType");
    String error = type.isTextual() && !type.textValue().isBlank() ? type.textValue() : "Exception";
    String cause = answer.isTextual() ? answer.textValue() : answer.toString();
    return Optional.of(new TaskFailure(error, cause));
  }

  /**
   * The result of a {@code lambda:invoke} task, with the fields Step Functions gives: {@code
   * ExecutedVersion}, {@code LogResult} (with {@code LogType} Tail), {@code Payload}, {@code
   * SdkHttpMetadata}, {@code SdkResponseMetadata}, {@code StatusCode}.
   */
  static ObjectNode result(InvokeResponse response) {
    ObjectNode result = JSON.objectNode();
    if (response.executedVersion() != null) {
      result.put("ExecutedVersion", response.executedVersion());
    }
    if (response.logResult() != null) {
      result.put("LogResult", response.logResult());
    }
    result.set("Payload", answer(response));
    ObjectNode http = result.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode single = http.putObject("HttpHeaders");
    for (Map.Entry<String, List<String>> header : response.sdkHttpResponse().headers().entrySet()) {
      header.getValue().forEach(all.putArray(header.getKey())::add);
      if (!header.getValue().isEmpty()) {
        single.put(header.getKey(), header.getValue().get(0));
      }
    }
    http.put("HttpStatusCode", response.sdkHttpResponse().statusCode());
    result
        .putObject("SdkResponseMetadata")
        .put("RequestId", response.responseMetadata().requestId());
    if (response.statusCode() != null) {
      result.put("StatusCode", response.statusCode());
    }
    return result;
  }

  private static Optional<String> text(JsonNode parameters, String name, List<String> problems) {
    JsonNode value = parameters.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      problems.add("The value for the field \"" + name + "\" must be a STRING");
      return Optional.empty();
    }
    return Optional.of(value.textValue());
  }
}
