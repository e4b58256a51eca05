package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.StateMachine;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs one state alone, as Step Functions' TestState does: an execution of the state machine that
 * stops where a second state would begin. It runs through the same code as every execution, so a
 * state tests as it would run; what is particular to a trial is only where it stops, that a Wait
 * waits for nothing, and that a task is not carried out: its outcome is given instead.
 */
public final class StateTrial {

  private StateTrial() {}

  /** What the task of a Task state gives in a trial, in place of carrying it out. */
  public sealed interface TaskOutcome {

    /** The task succeeded with this result. */
    record Succeeded(JsonNode result) implements TaskOutcome {

      public Succeeded {
        Objects.requireNonNull(result, "result");
      }
    }

    /** The task failed with this error and cause (either may be missing). */
    record Failed(Optional<String> error, Optional<String> cause) implements TaskOutcome {

      public Failed {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
      }
    }
  }

  /**
   * What a trial starts from.
   *
   * @param input the state's input
   * @param variables the workflow variables in scope
   * @param identity the execution the context object names
   * @param time when the state is entered
   * @param seed the seed of the execution's randomness
   * @param task what a Task state's task gives; required for a Task state
   * @param retriesDone how many times the state has been retried already: a retrier that matches is
   *     exhausted once its {@code MaxAttempts} is reached
   */
  public record Setup(
      JsonNode input,
      Map<String, JsonNode> variables,
      ExecutionIdentity identity,
      Instant time,
      long seed,
      Optional<TaskOutcome> task,
      int retriesDone) {

    public Setup {
      Objects.requireNonNull(input, "input");
      variables = Map.copyOf(variables);
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(task, "task");
      if (retriesDone < 0) {
        throw new IllegalArgumentException("retriesDone must not be negative: " + retriesDone);
      }
    }
  }

  /**
   * How the state ended. A retrier that took its failure ({@link Inspector#retrying}) leaves all
   * but {@code variables} empty; a catcher's ({@link Inspector#caught}) gives the output and next
   * state of the catcher.
   *
   * @param output the state's output, unless it failed or waits for a retry
   * @param nextState the state it goes to, unless it ended its machine, failed or waits for a retry
   * @param error the error of a failed state (missing when a Fail state names none)
   * @param cause the cause of a failed state (missing when none is given)
   * @param failed whether the state failed
   * @param variables the workflow variables afterwards: those given, with the state's assignments
   */
  public record Outcome(
      Optional<JsonNode> output,
      Optional<String> nextState,
      Optional<String> error,
      Optional<String> cause,
      boolean failed,
      Map<String, JsonNode> variables) {

    public Outcome {
      variables = Map.copyOf(variables);
    }
  }

  /**
   * Runs the state {@code machine} starts at.
   *
   * @param inspector sees the state's data and error handling
   * @throws IllegalArgumentException when the state is a Task state and {@code setup} gives no task
   *     outcome
   */
  public static Outcome run(StateMachine machine, Setup setup, Inspector inspector) {
    Execution execution = Execution.of(machine, setup.seed());
    execution.inspector = inspector;
    Step step =
        execution.startTest(
            new Command.StartExecution(setup.input(), setup.identity(), setup.time()),
            setup.variables(),
            setup.retriesDone());
    Frame root = execution.root;
    if (execution.status == ExecutionStatus.RUNNING && root.waiting == Frame.Waiting.WAIT_STATE) {
      Effect.ArmTimer wait = lastTimer(step);
      execution.handle(new Command.FireTimer(wait.timerId(), wait.dueAt()));
    }
    if (execution.status == ExecutionStatus.RUNNING && root.waiting == Frame.Waiting.TASK) {
      TaskOutcome task =
          setup
              .task()
              .orElseThrow(
                  () -> new IllegalArgumentException("a Task state needs the outcome of its task"));
      execution.handle(command(root.taskToken, task, setup.time()));
    }
    return outcome(execution);
  }

  private static Command command(String token, TaskOutcome task, Instant time) {
    if (task instanceof TaskOutcome.Succeeded succeeded) {
      return new Command.CompleteTask(token, succeeded.result(), time);
    }
    TaskOutcome.Failed failed = (TaskOutcome.Failed) task;
    return new Command.FailTask(
        token, failed.error().orElse(null), failed.cause().orElse(null), time);
  }

  private static Effect.ArmTimer lastTimer(Step step) {
    Effect.ArmTimer last = null;
    for (Effect effect : step.effects()) {
      if (effect instanceof Effect.ArmTimer timer) {
        last = timer;
      }
    }
    return Objects.requireNonNull(last, "a waiting Wait state armed no timer");
  }

  private static Outcome outcome(Execution execution) {
    Frame root = execution.root;
    return switch (execution.status) {
      case SUCCEEDED ->
          new Outcome(
              Optional.of(execution.output),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              false,
              root.variables);
      case FAILED ->
          new Outcome(
              Optional.empty(),
              Optional.empty(),
              execution.error(),
              execution.cause(),
              true,
              root.variables);
      case RUNNING -> {
        // Either the state moved on (the frame waits at the next state's start), or a retrier
        // took its failure and the frame waits for the retry.
        boolean movedOn = !root.entered && root.waiting == Frame.Waiting.NOTHING;
        yield new Outcome(
            movedOn ? Optional.of(root.input) : Optional.empty(),
            movedOn ? Optional.of(root.state) : Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            root.variables);
      }
      default -> throw new IllegalStateException("a state trial cannot end " + execution.status);
    };
  }
}
