package io.pipeline.orchestrator.triggers;

import io.pipeline.client.CommandGateway;
import io.pipeline.client.Verdict;
import io.pipeline.orchestrator.express.ExpressService;
import io.pipeline.orchestrator.machines.ExecutionTarget;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the executions that triggers and schedules ask for. A Standard start is named, so asking
 * twice starts one execution ({@code ExecutionAlreadyExists} means "started before", not an error);
 * an Express start is not idempotent, as in Step Functions.
 */
public final class ExecutionStarter implements Starter {

  private static final Logger log = LoggerFactory.getLogger(ExecutionStarter.class);

  private final StateMachineRegistry machines;
  private final CommandGateway commands;
  private final ExpressService express;

  public ExecutionStarter(
      StateMachineRegistry machines, CommandGateway commands, ExpressService express) {
    this.machines = machines;
    this.commands = commands;
    this.express = express;
  }

  @Override
  public CompletableFuture<Boolean> start(
      String source, String stateMachineArn, String name, String input) {
    Optional<StateMachineRecord> machine = machines.describe(stateMachineArn);
    if (machine.isEmpty()) {
      log.error(
          "'{}' names state machine {}, which does not exist: nothing is started",
          source,
          stateMachineArn);
      return CompletableFuture.completedFuture(false);
    }
    if ("EXPRESS".equals(machine.get().getType())) {
      return express
          .startAsync(ExecutionTarget.current(machine.get()), name, input)
          .thenApply(started -> true);
    }
    String executionArn =
        stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
    return commands
        .send(
            executionArn,
            new StartExecution(
                stateMachineArn,
                machine.get().getRevisionId(),
                name,
                input,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null))
        .thenApply(verdict -> started(source, executionArn, verdict));
  }

  @Override
  public boolean startsOnceByName(String stateMachineArn) {
    return machines
        .describe(stateMachineArn)
        .map(machine -> !"EXPRESS".equals(machine.getType()))
        .orElse(true);
  }

  private static boolean started(String source, String executionArn, Verdict verdict) {
    if (verdict.isApplied()) {
      log.debug("'{}' started {}", source, executionArn);
      return true;
    }
    if (!"ExecutionAlreadyExists".equals(verdict.error())) {
      log.error(
          "'{}' could not start {}: {} ({})",
          source,
          executionArn,
          verdict.error(),
          verdict.message());
    }
    return false;
  }
}
