package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One call a Task state makes.
 *
 * @param resource the Task's resource ARN, e.g. {@code arn:aws:states:::aws-sdk:s3:getObject}
 * @param parameters the task's input: the state's Parameters (or Arguments) evaluated
 * @param idempotencyKey the same for every attempt to deliver this call, different for a retry
 * @param executionArn the execution that makes it
 */
public record IntegrationCall(
    String resource, JsonNode parameters, String idempotencyKey, String executionArn) {

  public IntegrationCall {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(executionArn, "executionArn");
  }
}
