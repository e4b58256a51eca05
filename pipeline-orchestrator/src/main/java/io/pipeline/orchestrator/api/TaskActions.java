package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.client.CommandGateway;
import io.pipeline.orchestrator.task.InvalidTaskTokenException;
import io.pipeline.orchestrator.task.TaskTokens;
import io.pipeline.schemas.orchestrator.TaskFailed;
import io.pipeline.schemas.orchestrator.TaskHeartbeat;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The task callbacks: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat. The token names its
 * execution (it is checked here, and again by the runtime); the result goes to the runtime as a
 * command keyed by that execution, and the answer is the runtime's verdict ({@code TaskTimedOut}
 * for a task that is no longer running, {@code TaskDoesNotExist} for a gone execution).
 */
final class TaskActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskTokens tokens;
  private final CommandGateway commands;

  TaskActions(TaskTokens tokens, CommandGateway commands) {
    this.tokens = tokens;
    this.commands = commands;
  }

  CompletableFuture<JsonNode> success(JsonNode request) {
    String token = Fields.required(request, "taskToken");
    String output = Fields.required(request, "output");
    if (output.getBytes(StandardCharsets.UTF_8).length > ExecutionActions.MAX_INPUT_BYTES) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must"
              + " have length less than or equal to "
              + ExecutionActions.MAX_INPUT_BYTES);
    }
    try {
      JSON.readTree(output);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          "InvalidOutput", "Invalid Output: the output is not JSON: " + e.getOriginalMessage());
    }
    return send(token, new TaskSucceeded(token, output));
  }

  CompletableFuture<JsonNode> failure(JsonNode request) {
    String token = Fields.required(request, "taskToken");
    return send(
        token,
        new TaskFailed(
            token,
            ExecutionActions.limited(request, "error", 256),
            ExecutionActions.limited(request, "cause", 32_768)));
  }

  CompletableFuture<JsonNode> heartbeat(JsonNode request) {
    String token = Fields.required(request, "taskToken");
    return send(token, new TaskHeartbeat(token));
  }

  private CompletableFuture<JsonNode> send(String token, Object result) {
    return commands
        .send(executionOf(token), result)
        .thenApply(
            verdict -> {
              if (!verdict.isApplied()) {
                throw new ApiException(verdict.error(), verdict.message());
              }
              return JSON.createObjectNode();
            });
  }

  /** The execution a token belongs to: its engine token is {@code <execution ARN>/task-<n>}. */
  private String executionOf(String token) {
    String engineToken;
    try {
      engineToken = tokens.verify(token);
    } catch (InvalidTaskTokenException e) {
      throw new ApiException("InvalidToken", "Invalid Token: " + e.getMessage());
    }
    int slash = engineToken.lastIndexOf('/');
    if (slash < 1) {
      throw new ApiException("InvalidToken", "Invalid Token: it names no execution");
    }
    return engineToken.substring(0, slash);
  }
}
