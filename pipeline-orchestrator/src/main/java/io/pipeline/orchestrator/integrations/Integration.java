package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * A service Task states call through their {@code Resource}: HTTP endpoints, S3, Lambda... The
 * runtime decides a call in a Kafka transaction; once that commits, the integration runner reads
 * the request (read_committed) and makes the call here, and its result or failure goes back to the
 * execution as a command. A call may be made more than once (a crash between the call and its
 * report): integrations pass the call's idempotency key on where the service takes one.
 */
public interface Integration {

  /** Whether this integration serves a Task resource, e.g. {@code arn:aws:states:::http:invoke}. */
  boolean serves(String resource);

  /**
   * Makes the call, without blocking the caller's thread for the service's answer.
   *
   * @return the task's result; or completed exceptionally with a {@link TaskFailure} carrying the
   *     error and cause AWS gives for that failure, which Retry and Catch see
   */
  CompletableFuture<JsonNode> call(IntegrationCall call);
}
