package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.orchestrator.task.TaskTokens;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The callback tasks ({@code .waitForTaskToken} resources) that running Standard executions wait
 * for, read from partitions this instance serves: the executions come from the runtime's index of
 * open callbacks ({@link OpenCallbacks}), each task's resource, parameters and limits from its
 * {@code TaskScheduled} event. Activities, integrations that answer by themselves and {@code .sync}
 * tasks are not listed: nobody outside calls them back. The longest waiting come first.
 */
public final class WaitingTasks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Comparator<Open> ORDER =
      Comparator.comparing(Open::since).thenComparing(Open::engineToken);

  /** Where a page starts: after this task, in listing order. */
  public record Position(Instant since, String engineToken) {}

  /**
   * A task waiting for its callback.
   *
   * @param executionArn its execution
   * @param executionName the execution's name
   * @param stateMachineArn the execution's state machine
   * @param stateName its Task state
   * @param resource the state's resource, e.g. {@code
   *     arn:aws:states:::kafka:produce.waitForTaskToken}
   * @param parameters its parameters as sent: the signed task token wherever the state put {@code
   *     $$.Task.Token}
   * @param since when it was scheduled
   * @param timeoutSeconds its {@code TimeoutSeconds}, if it has one
   * @param heartbeatSeconds its {@code HeartbeatSeconds}, if it has one
   * @param taskToken the token SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat take
   * @param engineToken the engine's token ({@code <executionArn>/task-<n>}): its place in listings
   */
  public record WaitingTask(
      String executionArn,
      String executionName,
      String stateMachineArn,
      String stateName,
      String resource,
      JsonNode parameters,
      Instant since,
      OptionalLong timeoutSeconds,
      OptionalLong heartbeatSeconds,
      String taskToken,
      String engineToken) {

    /** Its place in listings. */
    public Position position() {
      return new Position(since, engineToken);
    }
  }

  /**
   * A page of waiting tasks.
   *
   * @param tasks longest waiting first (ties in engine token order)
   * @param more whether the partitions hold further waiting tasks
   */
  public record Page(List<WaitingTask> tasks, boolean more) {}

  /** An open callback found in the index, before its event is read. */
  private record Open(
      int partition, ExecutionRecord execution, String engineToken, long eventId, Instant since) {}

  private final StandardRuntime runtime;
  private final TaskTokens tokens;

  /**
   * @param runtime whose stores hold the executions
   * @param tokens signs the engine's tokens as the runtime hands them out
   */
  public WaitingTasks(StandardRuntime runtime, TaskTokens tokens) {
    this.runtime = runtime;
    this.tokens = tokens;
  }

  /**
   * A page of the tasks waiting in these partitions of this instance.
   *
   * @param partitions the partitions to read; each must be served here
   * @param after the page starts after this task, or at the longest waiting
   * @param max at most this many tasks
   * @throws RuntimeUnavailableException when a partition is not served here now
   */
  public Page list(Set<Integer> partitions, Optional<Position> after, int max) {
    return runtime.query(
        () -> {
          List<Open> open = new ArrayList<>();
          for (int partition : partitions) {
            open.addAll(open(partition));
          }
          open.sort(ORDER);
          List<Open> page =
              open.stream()
                  .filter(task -> after.isEmpty() || ORDER.compare(task, at(after.get())) > 0)
                  .limit(max + 1L)
                  .toList();
          List<WaitingTask> tasks = new ArrayList<>();
          for (Open task : page.subList(0, Math.min(max, page.size()))) {
            describe(task).ifPresent(tasks::add);
          }
          return new Page(tasks, page.size() > max);
        });
  }

  private List<Open> open(int partition) {
    ReadOnlyKeyValueStore<String, String> index =
        runtime.store(RuntimeTopology.OPEN_CALLBACKS_STORE, partition);
    ReadOnlyKeyValueStore<String, ExecutionRecord> executions =
        runtime.store(RuntimeTopology.EXECUTIONS_STORE, partition);
    List<Open> open = new ArrayList<>();
    try (KeyValueIterator<String, String> entries = index.all()) {
      while (entries.hasNext()) {
        KeyValue<String, String> entry = entries.next();
        ExecutionRecord execution = executions.get(entry.key);
        if (execution == null || !ExecutionStatus.RUNNING.name().equals(execution.getStatus())) {
          continue;
        }
        OpenCallbacks.read(entry.value)
            .forEach(
                (token, eventId) -> {
                  Long since = execution.getOpenTasks().get(token);
                  if (since != null) {
                    open.add(
                        new Open(
                            partition, execution, token, eventId, Instant.ofEpochMilli(since)));
                  }
                });
      }
    }
    return open;
  }

  /** The task with its TaskScheduled event's details; none if the event is gone (purged). */
  private Optional<WaitingTask> describe(Open task) {
    ExecutionRecord execution = task.execution();
    Optional<ExecutionHistoryEvent> scheduled =
        HistoryBatches.event(
            runtime.store(RuntimeTopology.HISTORY_STORE, task.partition()),
            execution.getExecutionArn(),
            task.eventId());
    if (scheduled.isEmpty()) {
      return Optional.empty();
    }
    ExecutionHistoryEvent event = scheduled.get();
    JsonNode details;
    try {
      details = JSON.readTree(event.getDetails());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored history event's details are not JSON", e);
    }
    String signed = tokens.sign(task.engineToken());
    return Optional.of(
        new WaitingTask(
            execution.getExecutionArn(),
            execution.getName(),
            execution.getStateMachineArn(),
            details.path("name").asText(),
            details.path("resource").asText(),
            TaskDispatch.withToken(
                details.path("parameters").isMissingNode()
                    ? NullNode.getInstance()
                    : details.get("parameters"),
                task.engineToken(),
                signed),
            task.since(),
            seconds(details, "timeoutInSeconds"),
            seconds(details, "heartbeatInSeconds"),
            signed,
            task.engineToken()));
  }

  private static OptionalLong seconds(JsonNode details, String field) {
    return details.hasNonNull(field)
        ? OptionalLong.of(details.get(field).asLong())
        : OptionalLong.empty();
  }

  private static Open at(Position position) {
    return new Open(-1, null, position.engineToken(), 0, position.since());
  }
}
