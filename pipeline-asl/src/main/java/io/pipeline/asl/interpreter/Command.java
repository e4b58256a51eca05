package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What an execution is told. Each carries the time it happens at: the engine reads no clock, so
 * replaying the same commands gives the same events.
 */
public sealed interface Command {

  /** When the command happens. */
  Instant time();

  /**
   * Starts the execution.
   *
   * @param input the execution input
   * @param identity the execution's names and ids, for the context object
   * @param time the start time
   */
  record StartExecution(JsonNode input, ExecutionIdentity identity, Instant time)
      implements Command {}

  /**
   * A timer the execution armed is due.
   *
   * @param timerId the id from {@link Effect.ArmTimer}
   * @param time when it fired
   */
  record FireTimer(String timerId, Instant time) implements Command {}
}
