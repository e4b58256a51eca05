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

  /**
   * A task the execution scheduled succeeded.
   *
   * @param token the token of {@link Effect.ScheduleTask}
   * @param output the task's result
   * @param time when it was reported
   */
  record CompleteTask(String token, JsonNode output, Instant time) implements Command {}

  /**
   * A task the execution scheduled failed.
   *
   * @param token the token of {@link Effect.ScheduleTask}
   * @param error the error name
   * @param cause the cause
   * @param time when it was reported
   */
  record FailTask(String token, String error, String cause, Instant time) implements Command {}

  /**
   * A task reported that it is still alive.
   *
   * @param token the token of {@link Effect.ScheduleTask}
   * @param time when it was reported
   */
  record HeartbeatTask(String token, Instant time) implements Command {}
}
