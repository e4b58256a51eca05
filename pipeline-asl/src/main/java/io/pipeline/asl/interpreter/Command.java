package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
   * A worker took a task the execution scheduled, as AWS's GetActivityTask hands one out; for an
   * integration, the runtime began calling it. The first start of a task is recorded ({@code
   * ActivityStarted} or {@code TaskStarted}); a start delivered again records nothing.
   *
   * @param token the token of {@link Effect.ScheduleTask}
   * @param workerName the name the worker gave, if any (an activity's {@code workerName})
   * @param time when it was taken
   */
  record StartTask(String token, Optional<String> workerName, Instant time) implements Command {

    public StartTask {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(workerName, "workerName");
    }
  }

  /**
   * A task reported that it is still alive.
   *
   * @param token the token of {@link Effect.ScheduleTask}
   * @param time when it was reported
   */
  record HeartbeatTask(String token, Instant time) implements Command {}

  /**
   * Stops a running execution, as AWS's StopExecution does: it ends {@link
   * ExecutionStatus#ABORTED}, its tasks are cancelled and its timers dropped.
   *
   * @param error the error the caller gave for the stop, if any
   * @param cause the cause the caller gave for the stop, if any
   * @param time when it was stopped
   */
  record StopExecution(Optional<String> error, Optional<String> cause, Instant time)
      implements Command {

    public StopExecution {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * Redrives a failed, aborted or timed-out execution, as AWS's RedriveExecution does: it runs
   * again from the states that did not succeed, with the input they had; what succeeded is kept and
   * not run again. Inside a Parallel or Map state only the branches and iterations that did not
   * succeed run again, each from where it stopped.
   *
   * @param time when it was redriven
   */
  record RedriveExecution(Instant time) implements Command {}

  /**
   * Changes a running Map Run's settings, as AWS's UpdateMapRun does: more child executions may
   * start at once, or fewer; the failures it tolerates change, and a run whose failures already
   * exceed the new tolerance fails.
   *
   * @param mapRunArn the run
   * @param maxConcurrency how many child executions may run at once (0 for no limit), if changed
   * @param toleratedFailureCount how many may fail, if changed
   * @param toleratedFailurePercentage what percentage may fail, if changed
   * @param time when it was changed
   */
  record UpdateMapRun(
      String mapRunArn,
      Optional<Integer> maxConcurrency,
      Optional<Long> toleratedFailureCount,
      Optional<Double> toleratedFailurePercentage,
      Instant time)
      implements Command {

    public UpdateMapRun {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      Objects.requireNonNull(maxConcurrency, "maxConcurrency");
      Objects.requireNonNull(toleratedFailureCount, "toleratedFailureCount");
      Objects.requireNonNull(toleratedFailurePercentage, "toleratedFailurePercentage");
    }
  }
}
