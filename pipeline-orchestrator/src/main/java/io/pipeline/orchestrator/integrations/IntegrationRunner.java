package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.client.CommandGateway;
import io.pipeline.client.worker.TaskStream;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.orchestrator.TaskFailed;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.orchestrator.TaskStarted;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import io.pipeline.schemas.topic.PipelineTopics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the calls Task states decide: reads the integration task requests the runtime wrote ({@code
 * read_committed}: only calls whose transaction committed), calls the integration that serves each
 * resource, and sends its result or failure back to the execution as a command. The instances of an
 * orchestrator share the requests in one consumer group; a request is committed once its result is
 * in Kafka, so a call whose report a crash lost is made again (with the same idempotency key) and
 * the runtime keeps the first result.
 */
public final class IntegrationRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IntegrationRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The name integration calls record as their worker ({@code TaskStarted}). */
  static final String WORKER = "pipeline-integrations";

  private final Integrations integrations;
  private final CommandGateway commands;
  private final TaskStream tasks;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param groupId the consumer group the instances share
   * @param maxInFlight how many calls may be open at once on this instance
   * @param integrations the integrations
   * @param commands where results go
   */
  public IntegrationRunner(
      KafkaSettings kafka,
      PipelineTopics topics,
      String groupId,
      int maxInFlight,
      Integrations integrations,
      CommandGateway commands) {
    this.integrations = integrations;
    this.commands = commands;
    this.tasks =
        new TaskStream(
            kafka, topics.integrationTasks(), groupId, maxInFlight, "integrations", this::call);
  }

  /** Calls the integration; completes once the result is in Kafka. */
  private CompletableFuture<?> call(TaskRequest request) {
    String arn = request.getExecutionArn();
    String token = request.getTaskToken();
    commands.submit(arn, new TaskStarted(token, WORKER));
    CompletableFuture<JsonNode> result;
    try {
      Integration integration =
          integrations
              .find(request.getActivityArn())
              .orElseThrow(
                  () ->
                      new TaskFailure(
                          "States.Runtime",
                          "No integration of this orchestrator serves the resource '"
                              + request.getActivityArn()
                              + "'"));
      result =
          integration.call(
              new IntegrationCall(
                  Integrations.called(request.getActivityArn()),
                  JSON.readTree(request.getInput()),
                  request.getIdempotencyKey() != null
                      ? request.getIdempotencyKey()
                      : request.getTaskToken(),
                  arn));
    } catch (JsonProcessingException e) {
      result =
          CompletableFuture.failedFuture(
              new TaskFailure("States.Runtime", "The task input is not JSON: " + e));
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    boolean callback = Integrations.waitsForCallback(request.getActivityArn());
    return result
        .handle((output, failure) -> outcome(token, output, failure))
        .thenCompose(
            outcome ->
                callback && outcome instanceof TaskSucceeded
                    // The call went out; the Task waits for its token to come back.
                    ? CompletableFuture.completedFuture(null)
                    : commands.submit(arn, outcome).written());
  }

  private static Object outcome(String token, JsonNode output, Throwable failure) {
    if (failure == null) {
      return new TaskSucceeded(token, output == null ? "null" : output.toString());
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof TaskFailure task) {
      return new TaskFailed(token, task.error(), task.cause());
    }
    log.warn("An integration call failed unexpectedly", cause);
    return new TaskFailed(token, "States.TaskFailed", cause.toString());
  }

  @Override
  public void close() {
    tasks.close();
  }
}
