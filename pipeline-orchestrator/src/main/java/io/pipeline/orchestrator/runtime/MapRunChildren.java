package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.interpreter.ChildExecutions;
import io.pipeline.asl.interpreter.Command;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.asl.interpreter.MapRun;
import io.pipeline.orchestrator.task.TaskTokens;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.MapRunCounts;
import io.pipeline.schemas.orchestrator.MapRunRecord;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.StopExecution;
import io.pipeline.schemas.orchestrator.TaskRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The child executions of Distributed Map states, and their Map Runs. A Standard child's start is a
 * command written in the transaction of the transition that decided it, as a nested execution's
 * (its end answers the parent through {@link NestedExecutions#closed}); an Express child is a call
 * the integration runner makes after that transaction commits ({@value #EXPRESS_CHILD}). Each
 * change of a run goes to the compacted map-runs topic in the same transaction.
 */
public final class MapRunChildren {

  /** How a Map Run's child answers its parent: see {@link StartExecution#getParentPattern()}. */
  static final String PATTERN = "MAP_RUN";

  /** The resource of the call that runs an Express child. */
  public static final String EXPRESS_CHILD = "arn:aws:states:::pipeline:mapRun.expressChild";

  private final ProcessorContext<String, Object> context;
  private final TaskTokens tokens;
  private final MapRunStore store;

  MapRunChildren(ProcessorContext<String, Object> context, TaskTokens tokens, MapRunStore store) {
    this.context = context;
    this.tokens = tokens;
    this.store = store;
  }

  /**
   * Carries out an effect about child executions or Map Runs.
   *
   * @param parent the execution whose step it is
   * @return the command the engine handles at once: a run's results, which this instance holds
   */
  Optional<Command> carryOut(ExecutionRecord parent, Effect effect, Instant now) {
    String parentArn = parent.getExecutionArn();
    if (effect instanceof Effect.RecordMapItems items) {
      store.putInputs(parentArn, items);
    } else if (effect instanceof Effect.StartChildExecution start) {
      start(parent, start, store.input(parentArn, start.mapRunArn(), start.index()), now);
    } else if (effect instanceof Effect.RecordChildEnd end) {
      store.ended(parentArn, end);
    } else if (effect instanceof Effect.CollectChildResults collect) {
      return Optional.of(
          new Command.CompleteTask(
              collect.token(), store.collect(parentArn, collect.mapRunArn(), collect.size()), now));
    } else if (effect instanceof Effect.StopChildExecution stop) {
      if (!stop.executionArn().contains(":express:")) {
        StopExecution body =
            new StopExecution(ChildExecutions.ABORTED, "Its Map Run stopped running it");
        command(stop.executionArn(), body, now);
      }
    } else if (effect instanceof Effect.RecordMapRun recorded) {
      MapRunRecord run = record(recorded.run(), parent.getStateMachineArn(), now);
      forward(run.getMapRunArn(), run, now, RuntimeTopology.MAP_RUNS_SINK);
    }
    return Optional.empty();
  }

  /** Deletes what the runs of a purged execution kept. */
  void purge(String parentArn) {
    store.deleteAll(parentArn);
  }

  private void start(
      ExecutionRecord parent, Effect.StartChildExecution child, JsonNode input, Instant now) {
    List<String> path = new ArrayList<>();
    if (parent.getProcessorPath() != null) {
      path.addAll(parent.getProcessorPath());
    }
    path.addAll(child.processorPath());
    String signed = tokens.sign(child.token());
    if (child.express()) {
      ObjectNode call = JsonNodeFactory.instance.objectNode();
      call.put("ExecutionArn", child.executionArn());
      call.put("MapRunArn", child.mapRunArn());
      call.put("StateMachineArn", parent.getStateMachineArn());
      call.put("RevisionId", parent.getRevisionId());
      path.forEach(call.putArray("ProcessorPath")::add);
      call.set("Input", input);
      TaskRequest request =
          new TaskRequest(
              signed,
              parent.getExecutionArn(),
              EXPRESS_CHILD,
              call.toString(),
              now,
              child.executionArn());
      forward(parent.getExecutionArn(), request, now, RuntimeTopology.TASKS_SINK);
      return;
    }
    String arn = child.executionArn();
    StartExecution start =
        StartExecution.newBuilder()
            .setStateMachineArn(parent.getStateMachineArn())
            .setRevisionId(parent.getRevisionId())
            .setName(arn.substring(arn.lastIndexOf(':') + 1))
            .setInput(input.toString())
            .setParentExecutionArn(parent.getExecutionArn())
            .setParentTaskToken(signed)
            .setParentPattern(PATTERN)
            .setMapRunArn(child.mapRunArn())
            .setProcessorPath(path)
            .build();
    command(arn, start, now);
  }

  private void command(String executionArn, Object body, Instant now) {
    forward(
        executionArn,
        new ExecutionCommand(executionArn, null, now, body),
        now,
        RuntimeTopology.COMMANDS_SINK);
  }

  private void forward(String key, Object value, Instant now, String sink) {
    context.forward(new Record<>(key, value, now.toEpochMilli()), sink);
  }

  static MapRunRecord record(MapRun run, String stateMachineArn, Instant now) {
    return MapRunRecord.newBuilder()
        .setMapRunArn(run.mapRunArn())
        .setExecutionArn(run.executionArn())
        .setStateMachineArn(stateMachineArn)
        .setStatus(run.status())
        .setStartDate(run.startDate())
        .setStopDate(run.stopDate().orElse(null))
        .setMaxConcurrency(run.maxConcurrency())
        .setToleratedFailureCount(run.toleratedFailureCount())
        .setToleratedFailurePercentage(run.toleratedFailurePercentage())
        .setItemCounts(counts(run.items()))
        .setExecutionCounts(counts(run.executions()))
        .setUpdatedAt(now)
        .build();
  }

  private static MapRunCounts counts(MapRun.Counts c) {
    return new MapRunCounts(
        c.pending(), c.running(), c.succeeded(), c.failed(), c.timedOut(), c.aborted(), c.total());
  }
}
