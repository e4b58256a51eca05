package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs an execution to its end on a virtual clock: timers fire at their due time without anyone
 * waiting, so a Wait of a year takes no time. For tests, the conformance runner and Express-style
 * runs of definitions that need nothing from outside.
 */
public final class LocalRun {

  /** More commands than this means the definition loops forever. */
  static final int MAX_COMMANDS = 100_000;

  private LocalRun() {}

  /**
   * The outcome of a local run.
   *
   * @param execution the finished (or stuck) execution
   * @param history every event, in order
   * @param commands how many commands it handled, the start included
   */
  public record Result(Execution execution, List<HistoryEvent> history, int commands) {}

  /** Runs a state machine from {@code start} until it ends. */
  public static Result run(
      StateMachine machine, JsonNode input, ExecutionIdentity identity, Instant start, long seed) {
    return run(Execution.of(machine, seed), input, identity, start);
  }

  /** Runs an execution not started yet (set up as the caller wants) until it ends. */
  public static Result run(
      Execution execution, JsonNode input, ExecutionIdentity identity, Instant start) {
    List<HistoryEvent> history = new ArrayList<>();
    // Timers due at the same time fire in the order they were armed.
    record Pending(Effect.ArmTimer timer, long sequence) {}
    PriorityQueue<Pending> timers =
        new PriorityQueue<>(
            Comparator.comparing((Pending p) -> p.timer().dueAt())
                .thenComparingLong(Pending::sequence));
    long armed = 0;
    Step step = execution.handle(new Command.StartExecution(input, identity, start));
    int commands = 1;
    while (true) {
      history.addAll(step.events());
      for (Effect effect : step.effects()) {
        if (effect instanceof Effect.ArmTimer timer) {
          timers.add(new Pending(timer, armed++));
        } else {
          throw new IllegalStateException("a local run cannot carry out " + effect);
        }
      }
      if (execution.status() != ExecutionStatus.RUNNING || timers.isEmpty()) {
        return new Result(execution, history, commands);
      }
      if (++commands > MAX_COMMANDS) {
        throw new IllegalStateException(
            "the execution did not end within " + MAX_COMMANDS + " commands");
      }
      Effect.ArmTimer next = timers.poll().timer();
      if (!execution.timers.containsKey(next.timerId())) {
        step = new Step(List.of(), List.of());
        continue;
      }
      step = execution.handle(new Command.FireTimer(next.timerId(), next.dueAt()));
    }
  }
}
