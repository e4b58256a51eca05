package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** What the runtime must do for an execution after it handled a command. */
public sealed interface Effect {

  /**
   * Send {@link Command.FireTimer} with this id at {@code dueAt} (a Wait, a retry back-off).
   *
   * @param timerId the timer's id, unique in the execution
   * @param dueAt when it is due
   */
  record ArmTimer(String timerId, Instant dueAt) implements Effect {}

  /**
   * Run a task outside the engine and report its result.
   *
   * @param token the task token, by which the result comes back
   * @param resource the Task state's resource
   * @param input the effective input of the task
   * @param idempotencyKey the same for the same call whenever the execution runs again from its
   *     start (an Express execution re-run after a crash), and different for any other call: the
   *     execution, the path of states down to the task (each Parallel branch and Map index, each
   *     state with how many states its branch had entered), and the attempt
   */
  record ScheduleTask(String token, String resource, JsonNode input, String idempotencyKey)
      implements Effect {}

  /**
   * Stop a task that the execution no longer waits for (it timed out, or its state was left).
   *
   * @param token the task's token
   */
  record CancelTask(String token) implements Effect {}

  /**
   * Keep the inputs of a Map Run's child executions, by index, for {@link StartChildExecution} and
   * for its results: the execution does not hold them.
   *
   * @param mapRunArn the run
   * @param inputs each child's input, in item order
   */
  record RecordMapItems(String mapRunArn, java.util.List<JsonNode> inputs) implements Effect {}

  /**
   * Start a child execution of a Map Run, with the input {@link RecordMapItems} kept for its index,
   * and report its end as {@link Command.CompleteTask} (its output) or {@link Command.FailTask}
   * (its error and cause) with the token.
   *
   * @param token the token its end is reported with
   * @param executionArn the child's ARN, formed as AWS forms it: the state machine's name and the
   *     Map's label, then a name unique to this item, run and redrive
   * @param mapRunArn the run
   * @param index the item's (or batch's) index in the run
   * @param processorPath where the Map state is in this execution's state machine: see {@link
   *     ChildExecutions#processor}
   * @param express whether the Map's {@code ExecutionType} is {@code EXPRESS}
   */
  record StartChildExecution(
      String token,
      String executionArn,
      String mapRunArn,
      int index,
      java.util.List<String> processorPath,
      boolean express)
      implements Effect {}

  /**
   * Keep how a Map Run's child execution ended, for the run's results.
   *
   * @param mapRunArn the run
   * @param index the child's index
   * @param executionArn the child's ARN
   * @param output its output, when it succeeded
   * @param error its error, when it did not
   * @param cause its cause, when it did not
   */
  record RecordChildEnd(
      String mapRunArn,
      int index,
      String executionArn,
      java.util.Optional<JsonNode> output,
      java.util.Optional<String> error,
      java.util.Optional<String> cause)
      implements Effect {}

  /**
   * Hand back a Map Run's results, once every child ended: {@link Command.CompleteTask} with the
   * token and {@code {"Results": [...], "Executions": [...]}}, the outputs in index order ({@code
   * null} for a child that failed) and each child's ARN, input, status, error and cause.
   *
   * @param token the token the results come back with
   * @param mapRunArn the run
   * @param size how many children it has
   */
  record CollectChildResults(String token, String mapRunArn, int size) implements Effect {}

  /**
   * Stop a child execution that the execution no longer waits for (its Map ended or was left).
   *
   * @param executionArn the child's ARN
   */
  record StopChildExecution(String executionArn) implements Effect {}

  /**
   * Record a Map Run as it is now: it started, a child execution ended, its settings changed, or it
   * ended. At most one per run and command.
   *
   * @param run the run
   */
  record RecordMapRun(MapRun run) implements Effect {}
}
