package io.pipeline.orchestrator.express;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.interpreter.ChildExecutions;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.orchestrator.integrations.Integration;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import io.pipeline.orchestrator.runtime.Definitions;
import io.pipeline.orchestrator.runtime.MapRunChildren;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Runs the Express child executions of Distributed Map states ({@value
 * MapRunChildren#EXPRESS_CHILD}): the Standard runtime decides a child in its transaction, and once
 * that commits the integration runner calls here; the child runs in this JVM, at least once (a
 * crash before its end was reported runs it again, as AWS's Express children are at-least-once),
 * and its end goes back to the parent as the iteration's.
 */
public final class ExpressChildren implements Integration, AutoCloseable {

  private final Definitions definitions;
  private final ScheduledThreadPoolExecutor pool;
  private final ExpressRunner runner;

  /**
   * @param definitions the state machine revisions the parents run
   * @param clock the wall clock
   */
  public ExpressChildren(Definitions definitions, Clock clock) {
    this.definitions = definitions;
    this.pool = new ScheduledThreadPoolExecutor(2, DaemonThreads.named("express-children"));
    pool.setRemoveOnCancelPolicy(true);
    this.runner = new ExpressRunner(pool, clock);
  }

  @Override
  public boolean serves(String resource) {
    return MapRunChildren.EXPRESS_CHILD.equals(resource);
  }

  @Override
  public CompletableFuture<JsonNode> call(IntegrationCall call) {
    JsonNode child = call.parameters();
    List<String> path = new ArrayList<>();
    child.path("ProcessorPath").forEach(step -> path.add(step.asText()));
    String machineArn = child.path("StateMachineArn").asText();
    Optional<Definitions.Pinned> pinned =
        definitions.revision(machineArn, child.path("RevisionId").asText(), path);
    if (pinned.isEmpty()) {
      return CompletableFuture.failedFuture(
          new TaskFailure(
              "States.Runtime", "The state machine " + machineArn + " of this Map Run is gone"));
    }
    String arn = child.path("ExecutionArn").asText();
    ExecutionIdentity identity =
        ChildExecutions.childIdentity(
            arn, child.path("MapRunArn").asText(), pinned.get().record().getRoleArn());
    return runner
        .run(pinned.get().machine(), identity, child.path("Input"), events -> {})
        .thenApply(
            result -> {
              if (result.status() == ExecutionStatus.SUCCEEDED) {
                return result.output().orElseThrow();
              }
              String error =
                  result.status() == ExecutionStatus.TIMED_OUT
                      ? ChildExecutions.TIMED_OUT
                      : result.error().orElse("States.TaskFailed");
              throw new TaskFailure(error, result.cause().orElse(""));
            });
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
