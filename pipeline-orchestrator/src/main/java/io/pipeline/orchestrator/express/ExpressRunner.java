package io.pipeline.orchestrator.express;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.interpreter.Command;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.asl.interpreter.Execution;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.asl.interpreter.Step;
import io.pipeline.asl.model.StateMachine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs Express executions to completion in memory, on the wall clock: a Wait waits, timers fire on
 * a shared scheduler, and nothing is stored. An execution's commands run one at a time; many
 * executions run at once on the scheduler's threads.
 *
 * <p>Express executions last at most five minutes: a longer or missing {@code TimeoutSeconds} is
 * cut to that, so an execution past it ends {@code TIMED_OUT} with {@code States.Timeout}, as in
 * Step Functions. Task states fail with {@code States.TaskFailed} until task integrations exist
 * (activities and callbacks are refused for Express machines when they are created).
 */
public final class ExpressRunner {

  /** Step Functions' limit on an Express execution. */
  public static final Duration MAX_DURATION = Duration.ofMinutes(5);

  /**
   * How an Express execution ended.
   *
   * @param identity its names
   * @param status SUCCEEDED, FAILED or TIMED_OUT
   * @param startDate when it started
   * @param stopDate when it ended
   * @param output the output of a succeeded execution
   * @param error and {@code cause}: why it failed
   * @param transitions how many states it entered
   */
  public record Result(
      ExecutionIdentity identity,
      ExecutionStatus status,
      Instant startDate,
      Instant stopDate,
      Optional<JsonNode> output,
      Optional<String> error,
      Optional<String> cause,
      long transitions) {}

  private final ScheduledExecutorService scheduler;
  private final Clock clock;

  /**
   * @param scheduler where executions run and their timers fire; one that removes cancelled tasks
   *     ({@link java.util.concurrent.ScheduledThreadPoolExecutor#setRemoveOnCancelPolicy}) lets an
   *     ended execution go at once
   * @param clock the time commands carry
   */
  public ExpressRunner(ScheduledExecutorService scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Starts an execution.
   *
   * @param machine what it runs
   * @param identity its names (an {@code express:} ARN)
   * @param input its input
   * @param events receives each step's history events, in order, on the execution's thread
   * @return its result, once it ended
   */
  public CompletableFuture<Result> run(
      StateMachine machine,
      ExecutionIdentity identity,
      JsonNode input,
      Consumer<List<HistoryEvent>> events) {
    Run run = new Run(limited(machine), identity, events);
    scheduler.execute(
        () -> run.handle(new Command.StartExecution(input, identity, clock.instant())));
    return run.result;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The machine with its timeout cut to Express's limit. */
  static StateMachine limited(StateMachine machine) {
    return machine.withTimeoutAtMost((int) MAX_DURATION.toSeconds());
  }

  /** One execution: its engine, touched by one command at a time. */
  private final class Run {
    private final Execution execution;
    private final ExecutionIdentity identity;
    private final Consumer<List<HistoryEvent>> events;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    /**
     * Timers armed and not fired: cancelled when the execution ends, so that an ended execution is
     * not kept until its five-minute timeout would have fired.
     */
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    private Instant startDate;
    private long transitions;

    Run(StateMachine machine, ExecutionIdentity identity, Consumer<List<HistoryEvent>> events) {
      UUID seed = UUID.nameUUIDFromBytes(identity.executionArn().getBytes(StandardCharsets.UTF_8));
      this.execution = Execution.of(machine, seed.getMostSignificantBits());
      this.identity = identity;
      this.events = events;
    }

    synchronized void handle(Command command) {
      if (result.isDone()) {
        return; // a timer that outlived the execution
      }
      try {
        if (startDate == null) {
          startDate = command.time();
        }
        List<Command> next = new ArrayList<>();
        next.add(command);
        while (!next.isEmpty()) {
          Step step = execution.handle(next.remove(0));
          transitions +=
              step.events().stream().filter(e -> e.type().endsWith("StateEntered")).count();
          events.accept(step.events());
          for (Effect effect : step.effects()) {
            if (effect instanceof Effect.ArmTimer timer) {
              arm(timer);
            } else if (effect instanceof Effect.ScheduleTask task) {
              next.add(
                  new Command.FailTask(
                      task.token(),
                      "States.TaskFailed",
                      "The resource '"
                          + task.resource()
                          + "' is not one Express executions can call yet",
                      clock.instant()));
            }
          }
        }
        if (execution.status() != ExecutionStatus.RUNNING) {
          cancelTimers();
          result.complete(
              new Result(
                  identity,
                  execution.status(),
                  startDate,
                  command.time(),
                  execution.output(),
                  execution.error(),
                  execution.cause(),
                  transitions));
        }
      } catch (RuntimeException e) {
        cancelTimers();
        result.completeExceptionally(e);
      }
    }

    private void cancelTimers() {
      timers.forEach(timer -> timer.cancel(false));
      timers.clear();
    }

    private void arm(Effect.ArmTimer timer) {
      long delay = Math.max(0, Duration.between(clock.instant(), timer.dueAt()).toMillis());
      // The scheduler's clock and the wall clock drift apart by microseconds: a timer never
      // fires before its due time as the execution sees it.
      timers.removeIf(ScheduledFuture::isDone);
      timers.add(
          scheduler.schedule(
              () ->
                  handle(
                      new Command.FireTimer(
                          timer.timerId(), latest(clock.instant(), timer.dueAt()))),
              delay,
              TimeUnit.MILLISECONDS));
    }
  }
}
