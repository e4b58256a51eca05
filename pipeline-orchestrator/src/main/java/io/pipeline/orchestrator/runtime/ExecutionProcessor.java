package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.Command;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.asl.interpreter.Execution;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionSnapshot;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.asl.interpreter.Step;
import io.pipeline.client.Verdict;
import io.pipeline.orchestrator.task.InvalidTaskTokenException;
import io.pipeline.orchestrator.task.TaskTokens;
import io.pipeline.schemas.orchestrator.CommandReply;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.RedriveExecution;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.StopExecution;
import io.pipeline.schemas.orchestrator.TimerFired;
import io.pipeline.schemas.orchestrator.UpdateMapRun;
import io.pipeline.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the commands of the executions its stream task owns, one at a time: reads the execution
 * from its store, runs the engine, stores the new state and the history events, and forwards task
 * requests, history, verdicts and its own follow-up commands; Kafka Streams commits all of it in
 * one transaction ({@code exactly_once_v2}), so each state transition happens once.
 *
 * <p>Timers wait in a store ordered by due time ({@link ExecutionTimers}); a wall-clock punctuator
 * turns due ones into commands. A timer due at once (the engine's "continue after the budget") goes
 * straight to the command topic, so no command does unbounded work.
 */
final class ExecutionProcessor implements Processor<String, byte[], String, Object> {

  private static final Logger log = LoggerFactory.getLogger(ExecutionProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The timer that deletes a closed execution and its history once retention has passed. */
  static final String PURGE_TIMER = "$purge";

  private final RuntimeTopology.Names names;
  private final Definitions definitions;
  private final TaskTokens tokens;
  private final AvroSerde<ExecutionCommand> commands;
  private final Duration retention;
  private final Duration timerInterval;
  private final RuntimeMetrics metrics;
  private final TaskRoutes routes;
  private final LiveExecutions live = new LiveExecutions();

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, ExecutionRecord> executions;
  private ExecutionTimers timers;
  private HistoryBatches history;
  private KeyValueStore<Bytes, byte[]> listings;
  private TaskDispatch dispatch;
  private NestedExecutions nested;
  private MapRunChildren mapRuns;
  private OpenCallbacks callbacks;

  ExecutionProcessor(
      RuntimeTopology.Names names,
      Definitions definitions,
      TaskTokens tokens,
      AvroSerde<ExecutionCommand> commands,
      Duration retention,
      Duration timerInterval,
      RuntimeMetrics metrics,
      TaskRoutes routes) {
    this.names = names;
    this.definitions = definitions;
    this.tokens = tokens;
    this.commands = commands;
    this.retention = retention;
    this.timerInterval = timerInterval;
    this.metrics = metrics;
    this.routes = routes;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.executions = context.getStateStore(RuntimeTopology.EXECUTIONS_STORE);
    this.timers =
        new ExecutionTimers(context, context.getStateStore(RuntimeTopology.TIMERS_STORE), metrics);
    this.history =
        new HistoryBatches(context, context.getStateStore(RuntimeTopology.HISTORY_STORE));
    this.listings = context.getStateStore(RuntimeTopology.LISTINGS_STORE);
    this.nested = new NestedExecutions(context, routes.targets());
    this.dispatch = new TaskDispatch(context, tokens, routes, nested);
    this.mapRuns =
        new MapRunChildren(
            context,
            tokens,
            new MapRunStore(context.getStateStore(RuntimeTopology.MAP_RUN_CHILDREN_STORE)));
    this.callbacks = new OpenCallbacks(context.getStateStore(RuntimeTopology.OPEN_CALLBACKS_STORE));
    live.clear();
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, timers::fireDue);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    ExecutionCommand command;
    try {
      command = commands.decode(names.commandTopic(), record.value());
    } catch (RuntimeException e) {
      log.error(
          "Skipped a command for {} that is not an ExecutionCommand: {}",
          record.key(),
          e.getMessage());
      metrics.rejectedCommand("Undecodable");
      return;
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    Verdict verdict;
    try {
      verdict = handle(command, now);
    } catch (RuntimeException e) {
      // A bug, not a bad command: the execution stays as it was, the sender learns why.
      log.error("Handling {} for {} failed", command.getBody(), command.getExecutionArn(), e);
      verdict = Verdict.rejected("ServiceException", "The command failed: " + e);
    }
    if (verdict.error() != null) {
      metrics.rejectedCommand(verdict.error());
    }
    if (command.getRequestId() != null) {
      CommandReply reply =
          new CommandReply(
              command.getRequestId(),
              command.getExecutionArn(),
              verdict.error(),
              verdict.message(),
              verdict.startDate());
      context.forward(
          new Record<>(command.getRequestId(), reply, now.toEpochMilli()),
          RuntimeTopology.REPLIES_SINK);
    }
  }

  private Verdict handle(ExecutionCommand command, Instant now) {
    String arn = command.getExecutionArn();
    Object body = command.getBody();
    if (body instanceof StartExecution start) {
      Verdict verdict = start(arn, start, now);
      nested.started(arn, start, verdict, now);
      return verdict;
    }
    ExecutionRecord record = executions.get(arn);
    if (body instanceof TimerFired fired) {
      fire(arn, record, fired.getTimerId(), now);
      return Verdict.applied(null);
    }
    if (record == null) {
      return body instanceof StopExecution
              || body instanceof RedriveExecution
              || body instanceof UpdateMapRun
          ? Verdict.rejected("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'")
          : Verdict.rejected(
              "TaskDoesNotExist", "The execution " + arn + " of this task does not exist");
    }
    if (body instanceof StopExecution stop) {
      if (!ExecutionStatus.RUNNING.name().equals(record.getStatus())) {
        // Stopping a closed execution changes nothing; as in Step Functions it is no error.
        return Verdict.applied(record.getStopDate());
      }
      Command.StopExecution engineStop =
          new Command.StopExecution(
              Optional.ofNullable(stop.getError()), Optional.ofNullable(stop.getCause()), now);
      run(record, engineStop, now);
      return Verdict.applied(now);
    }
    if (body instanceof RedriveExecution redrive) {
      return redrive(record, redrive, now);
    }
    if (body instanceof UpdateMapRun update) {
      return updateMapRun(record, update, now);
    }
    return taskResult(arn, record, body, now);
  }

  private Verdict start(String arn, StartExecution start, Instant now) {
    ExecutionRecord existing = executions.get(arn);
    if (existing != null) {
      return ExecutionStarts.again(arn, existing, start);
    }
    Optional<Definitions.Pinned> pinned =
        definitions.revision(
            start.getStateMachineArn(), start.getRevisionId(), start.getProcessorPath());
    if (pinned.isEmpty()) {
      return Verdict.rejected(
          "StateMachineDoesNotExist",
          "State Machine Does Not Exist: '"
              + start.getStateMachineArn()
              + "' (revision "
              + start.getRevisionId()
              + ")");
    }
    JsonNode input;
    try {
      input = JSON.readTree(start.getInput());
    } catch (JsonProcessingException e) {
      return Verdict.rejected(
          "InvalidExecutionInput", "The execution input is not JSON: " + e.getOriginalMessage());
    }
    var machine = pinned.get().record();
    ExecutionIdentity identity = ExecutionStarts.identity(arn, start, machine);
    UUID seed = UUID.nameUUIDFromBytes(arn.getBytes(StandardCharsets.UTF_8));
    Execution execution =
        Execution.of(pinned.get().machine(), seed.getMostSignificantBits()).runChildExecutions();
    ExecutionRecord record = ExecutionStarts.record(arn, start, machine, now);
    StoreKeys.listings(record).forEach(key -> listings.put(key, new byte[0]));
    metrics.started(machine.getArn());
    statusChanged(record, now);
    apply(
        record, execution, execution.handle(new Command.StartExecution(input, identity, now)), now);
    return Verdict.applied(now);
  }

  /**
   * Runs a failed, aborted or timed-out execution again from the states that did not succeed. The
   * redrive's client token makes it idempotent: the same token again answers the same redrive.
   */
  private Verdict redrive(ExecutionRecord record, RedriveExecution redrive, Instant now) {
    if (redrive.getClientToken() != null
        && redrive.getClientToken().equals(record.getRedriveClientToken())) {
      return Verdict.applied(record.getRedriveDate());
    }
    Optional<String> refused = Redrives.notRedrivable(record, now);
    if (refused.isPresent()) {
      return Verdict.rejected("ExecutionNotRedrivable", refused.get());
    }
    Execution execution = restore(record);
    record.setRedriveCount(record.getRedriveCount() + 1);
    record.setRedriveDate(now);
    record.setRedriveClientToken(redrive.getClientToken());
    record.setStopDate(null);
    record.setOutput(null);
    record.setError(null);
    record.setCause(null);
    record.setStatus(ExecutionStatus.RUNNING.name());
    metrics.started(record.getStateMachineArn());
    statusChanged(record, now);
    apply(record, execution, execution.handle(new Command.RedriveExecution(now)), now);
    return Verdict.applied(now);
  }

  private Verdict taskResult(String arn, ExecutionRecord record, Object body, Instant now) {
    String signed = TaskCallbacks.signedToken(body);
    String token;
    try {
      token = tokens.verify(signed);
    } catch (InvalidTaskTokenException e) {
      return Verdict.rejected("InvalidToken", "Invalid Token: " + e.getMessage());
    }
    if (!token.startsWith(arn + "/")) {
      return Verdict.rejected(
          "InvalidToken", "Invalid Token: the token is not one of execution " + arn);
    }
    if (!ExecutionStatus.RUNNING.name().equals(record.getStatus())) {
      return Verdict.rejected(
          "TaskTimedOut",
          "Task Timed Out: the execution closed (" + record.getStatus() + ") before this result");
    }
    Command engineCommand;
    try {
      engineCommand = TaskCallbacks.command(body, token, now);
    } catch (JsonProcessingException e) {
      return Verdict.rejected(
          "InvalidOutput", "The task output is not JSON: " + e.getOriginalMessage());
    }
    Execution execution = restore(record);
    Step step;
    try {
      step = execution.handle(engineCommand);
      if (engineCommand instanceof Command.CompleteTask
          || engineCommand instanceof Command.FailTask) {
        Long scheduled = record.getOpenTasks().remove(token);
        if (scheduled != null) {
          metrics.taskLatency(
              record.getStateMachineArn(), Duration.between(Instant.ofEpochMilli(scheduled), now));
        }
      }
    } catch (IllegalStateException e) {
      return Verdict.rejected(
          "TaskTimedOut",
          "Task Timed Out: the task is no longer running (its result came already, or it timed out,"
              + " or its state was left)");
    }
    apply(record, execution, step, now);
    return Verdict.applied(null);
  }

  /** Changes a Map Run's settings in the execution that runs it. */
  private Verdict updateMapRun(ExecutionRecord record, UpdateMapRun update, Instant now) {
    if (!ExecutionStatus.RUNNING.name().equals(record.getStatus())) {
      return Verdict.rejected(
          "ResourceNotFound", "Map Run '" + update.getMapRunArn() + "' is not running");
    }
    Execution execution = restore(record);
    Step step;
    try {
      step =
          execution.handle(
              new Command.UpdateMapRun(
                  update.getMapRunArn(),
                  Optional.ofNullable(update.getMaxConcurrency()),
                  Optional.ofNullable(update.getToleratedFailureCount()),
                  Optional.ofNullable(update.getToleratedFailurePercentage()),
                  now));
    } catch (IllegalStateException e) {
      return Verdict.rejected(
          "ResourceNotFound", "Map Run '" + update.getMapRunArn() + "' is not running");
    }
    apply(record, execution, step, now);
    return Verdict.applied(null);
  }

  private void fire(String arn, ExecutionRecord record, String timerId, Instant now) {
    if (record == null) {
      return;
    }
    if (PURGE_TIMER.equals(timerId)) {
      purge(arn, record, now);
      return;
    }
    if (!ExecutionStatus.RUNNING.name().equals(record.getStatus())) {
      return;
    }
    run(record, new Command.FireTimer(timerId, now), now);
  }

  private void run(ExecutionRecord record, Command command, Instant now) {
    Execution execution = restore(record);
    apply(record, execution, execution.handle(command), now);
  }

  private Execution restore(ExecutionRecord record) {
    Optional<Execution> kept = live.take(record.getExecutionArn(), record.getSnapshot());
    if (kept.isPresent()) {
      return kept.get();
    }
    Definitions.Pinned pinned =
        definitions
            .revision(
                record.getStateMachineArn(), record.getRevisionId(), record.getProcessorPath())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the state machine revision "
                            + record.getStateMachineArn()
                            + ":"
                            + record.getRevisionId()
                            + " of a running execution is gone"));
    try {
      return ExecutionSnapshot.read(pinned.machine(), JSON.readTree(record.getSnapshot()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored execution state does not parse", e);
    }
  }

  /**
   * Stores what a step did: the events in history, the timers, the task requests, the new state. A
   * task for a resource this runtime cannot reach fails at once, as a call to an unreachable
   * service does, so Retry and Catch apply.
   */
  private void apply(ExecutionRecord record, Execution execution, Step first, Instant now) {
    String arn = record.getExecutionArn();
    Deque<Step> steps = new ArrayDeque<>();
    steps.add(first);
    List<HistoryEvent> events = new ArrayList<>();
    OpenCallbacks.Scheduled scheduled = callbacks.collect();
    while (!steps.isEmpty()) {
      Step step = steps.poll();
      events.addAll(step.events());
      scheduled.add(step);
      metrics.transitions(record.getStateMachineArn(), step.events());
      for (Effect effect : step.effects()) {
        if (effect instanceof Effect.ArmTimer timer) {
          timers.arm(arn, timer.timerId(), timer.dueAt(), now);
        } else if (effect instanceof Effect.ScheduleTask task) {
          dispatch
              .dispatch(arn, task, now, record.getOpenTasks())
              .ifPresent(command -> steps.add(execution.handle(command)));
        } else if (effect instanceof Effect.CancelTask cancel) {
          // The worker's late result is refused by token; nothing to send.
          record.getOpenTasks().remove(cancel.token());
        } else {
          mapRuns
              .carryOut(record, effect, now)
              .ifPresent(command -> steps.add(execution.handle(command)));
        }
      }
    }
    history.append(arn, events, now);
    ExecutionStatus status = execution.status();
    record.setStatus(status.name());
    record.setHistoryEvents(record.getHistoryEvents() + events.size());
    // A closed execution that did not succeed keeps its state too: a redrive goes on from it.
    record.setSnapshot(
        status == ExecutionStatus.SUCCEEDED ? null : ExecutionSnapshot.write(execution).toString());
    if (status != ExecutionStatus.RUNNING) {
      live.forget(arn);
      record.getOpenTasks().clear();
      record.setStopDate(now);
      record.setOutput(execution.output().map(JsonNode::toString).orElse(null));
      record.setError(execution.error().orElse(null));
      record.setCause(execution.cause().orElse(null));
      metrics.closed(record.getStateMachineArn(), status);
      statusChanged(record, now);
      nested.closed(record, now);
      timers.arm(arn, PURGE_TIMER, now.plus(retention), now);
    }
    scheduled.store(record);
    executions.put(arn, record);
    if (status == ExecutionStatus.RUNNING) {
      live.keep(arn, record.getSnapshot(), execution);
    }
  }

  private void statusChanged(ExecutionRecord record, Instant now) {
    if (record.getMapRunArn() == null) {
      StatusChanges.forward(context, record, now);
    }
  }

  /**
   * Deletes a closed execution and its history: its name is free again. A purge timer armed before
   * a redrive finds the execution running, or closed again later, and leaves it.
   */
  private void purge(String arn, ExecutionRecord record, Instant now) {
    if (ExecutionStatus.RUNNING.name().equals(record.getStatus())
        || record.getStopDate().plus(retention).isAfter(now)) {
      return;
    }
    history.purge(arn);
    StoreKeys.listings(record).forEach(listings::delete);
    mapRuns.purge(arn);
    executions.delete(arn);
  }

  @Override
  public void close() {
    live.clear();
  }
}
