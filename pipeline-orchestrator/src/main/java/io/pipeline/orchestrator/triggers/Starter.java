package io.pipeline.orchestrator.triggers;

import java.util.concurrent.CompletableFuture;

/** Starts the executions triggers and schedules ask for (see {@link ExecutionStarter}). */
public interface Starter {

  /**
   * Starts an execution.
   *
   * @param source what asks, for the log (a rule's or a schedule's name)
   * @param stateMachineArn what to start
   * @param name the execution's name
   * @param input its input, JSON text
   * @return completes when the start is done with: true when this call started it, false when it
   *     was started before or is refused for good (a missing state machine); fails when it must be
   *     tried again (no verdict in time)
   */
  CompletableFuture<Boolean> start(
      String source, String stateMachineArn, String name, String input);

  /**
   * Whether starting this state machine twice under one name starts it once (Standard), so every
   * instance may ask; an Express start is not idempotent, and one instance must ask.
   */
  boolean startsOnceByName(String stateMachineArn);
}
