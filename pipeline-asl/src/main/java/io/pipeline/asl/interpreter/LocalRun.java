package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Runs an execution to its end on a virtual clock: timers fire at their due time without anyone
 * waiting, so a Wait of a year takes no time; the clock never goes back, should a timer be due
 * before the command that armed it. For tests, the conformance runner and runs of definitions that
 * need nothing from outside, such as a transform's Express steps.
 *
 * <p>The run stops, with the execution still running, at the first effect only a runtime carries
 * out (a task, a child execution), or when nothing more is due (it waits for something that never
 * comes).
 */
public final class LocalRun {

  /**
   * More commands than this means the engine loops: a command runs up to a budget of states, and
   * the history limit ends a looping definition long before (its event ids advance whether the
   * events are recorded or not).
   */
  static final int MAX_COMMANDS = 100_000;

  /** Timers due at the same time fire in the order they were armed. */
  private static final Comparator<Pending> ORDER =
      Comparator.comparing((Pending p) -> p.timer().dueAt()).thenComparingLong(Pending::sequence);

  private LocalRun() {}

  /**
   * The outcome of a local run.
   *
   * @param execution the execution: ended, or still running when it stopped for {@code outside} or
   *     for nothing more being due
   * @param history every event, in order (none for an execution {@link Execution#withoutHistory
   *     without history})
   * @param commands how many commands it handled, the start included
   * @param outside the effect the run stopped at, which only a runtime carries out
   */
  public record Result(
      Execution execution, List<HistoryEvent> history, int commands, Optional<Effect> outside) {}

  private record Pending(Effect.ArmTimer timer, long sequence) {}

  /** What an effect only a runtime carries out asks for, in words: "a task of '<resource>'". */
  public static String describe(Effect effect) {
    return effect instanceof Effect.ScheduleTask task
        ? "a task of '" + task.resource() + "'"
        : effect instanceof Effect.StartChildExecution
            ? "a child execution"
            : "an effect " + effect.getClass().getSimpleName();
  }

  /** Runs a state machine from {@code start} until it ends. */
  public static Result run(
      StateMachine machine, JsonNode input, ExecutionIdentity identity, Instant start, long seed) {
    return run(Execution.of(machine, seed), input, identity, start);
  }

  /**
   * Runs an execution not started yet (set up as the caller wants) until it ends.
   *
   * @throws IllegalStateException after {@value #MAX_COMMANDS} commands: the engine loops
   */
  public static Result run(
      Execution execution, JsonNode input, ExecutionIdentity identity, Instant start) {
    List<HistoryEvent> history = new ArrayList<>();
    PriorityQueue<Pending> timers = new PriorityQueue<>(ORDER);
    long armed = 0;
    Instant now = start;
    Step step = execution.handle(new Command.StartExecution(input, identity, start));
    int commands = 1;
    while (true) {
      history.addAll(step.events());
      for (Effect effect : step.effects()) {
        if (effect instanceof Effect.ArmTimer timer) {
          timers.add(new Pending(timer, armed++));
        } else {
          return new Result(execution, history, commands, Optional.of(effect));
        }
      }
      if (execution.status() != ExecutionStatus.RUNNING || timers.isEmpty()) {
        return new Result(execution, history, commands, Optional.empty());
      }
      Effect.ArmTimer next = timers.poll().timer();
      if (!execution.timers.containsKey(next.timerId())) {
        step = new Step(List.of(), List.of()); // cancelled since it was armed
        continue;
      }
      if (++commands > MAX_COMMANDS) {
        throw new IllegalStateException(
            "the execution did not end within " + MAX_COMMANDS + " commands");
      }
      now = next.dueAt().isAfter(now) ? next.dueAt() : now;
      step = execution.handle(new Command.FireTimer(next.timerId(), now));
    }
  }
}
