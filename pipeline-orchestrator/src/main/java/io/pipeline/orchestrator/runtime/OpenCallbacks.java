package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.asl.interpreter.Step;
import io.pipeline.asl.model.IntegrationPattern;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The index of the callback tasks ({@code .waitForTaskToken} resources) running executions wait
 * for: an execution's ARN to its open callback tasks, each engine token with the id of the {@code
 * TaskScheduled} event that holds its resource and parameters. The processor keeps it in the
 * transaction that changes the execution, so a listing of waiting tasks ({@link WaitingTasks})
 * reads only the executions that wait for a callback, never the whole partition (closed executions
 * stay there for the history's retention), and finds each task's event without reading history.
 *
 * <p>A step's {@code ScheduleTask} effects and {@code TaskScheduled} events come in the same order
 * (the engine emits the event as it schedules the task), so the n-th callback task of a step is the
 * one the n-th callback event of that step describes. Only executions that change after this index
 * exists are in it: one that already waited for a callback is listed from its next command.
 */
final class OpenCallbacks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, Long>> TOKENS = new TypeReference<>() {};
  private static final String SCHEDULED = "TaskScheduled";

  private final KeyValueStore<String, String> store;

  OpenCallbacks(KeyValueStore<String, String> store) {
    this.store = store;
  }

  /** The callback tasks the steps of one command scheduled, collected as they come. */
  Scheduled collect() {
    return new Scheduled();
  }

  /** Callback tasks scheduled by the steps of one command, by engine token, with their event. */
  final class Scheduled {

    private final Map<String, Long> tokens = new TreeMap<>();

    private Scheduled() {}

    /** Pairs the callback tasks a step scheduled with their TaskScheduled events. */
    void add(Step step) {
      Deque<Long> events = new ArrayDeque<>();
      for (HistoryEvent event : step.events()) {
        if (SCHEDULED.equals(event.type())
            && waitsForCallback(event.details().path("resource").asText(""))) {
          events.add(event.id());
        }
      }
      for (Effect effect : step.effects()) {
        if (events.isEmpty()) {
          return;
        }
        if (effect instanceof Effect.ScheduleTask task && waitsForCallback(task.resource())) {
          tokens.put(task.token(), events.poll());
        }
      }
    }

    /**
     * Stores the execution's open callback tasks as its record now stands: those it still waits
     * for, none once it closed. Writes only what changed.
     */
    void store(ExecutionRecord record) {
      String arn = record.getExecutionArn();
      String stored = store.get(arn);
      Map<String, Long> open = new TreeMap<>();
      if (ExecutionStatus.RUNNING.name().equals(record.getStatus())) {
        if (stored != null) {
          open.putAll(read(stored));
        }
        open.putAll(tokens);
        open.keySet().retainAll(record.getOpenTasks().keySet());
      }
      if (open.isEmpty()) {
        if (stored != null) {
          store.delete(arn);
        }
        return;
      }
      String written = write(open);
      if (!written.equals(stored)) {
        store.put(arn, written);
      }
    }
  }

  /** An index entry: engine token to the id of its TaskScheduled event. */
  static Map<String, Long> read(String stored) {
    try {
      return JSON.readValue(stored, TOKENS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an open-callbacks entry is not JSON: " + stored, e);
    }
  }

  private static String write(Map<String, Long> open) {
    try {
      return JSON.writeValueAsString(open);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean waitsForCallback(String resource) {
    return IntegrationPattern.of(resource) == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
  }
}
