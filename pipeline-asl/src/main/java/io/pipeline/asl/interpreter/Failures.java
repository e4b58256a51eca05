package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.model.Catcher;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.Retrier;
import io.pipeline.asl.model.State;
import java.util.List;

/**
 * What follows a state's failure: a retry after its back-off, a catcher, or the failure of the
 * frame.
 */
final class Failures {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Execution execution;
  private final StateRunner runner;

  Failures(Execution execution, StateRunner runner) {
    this.execution = execution;
    this.runner = runner;
  }

  /**
   * Retries, catches or fails. Runtime errors raised by evaluation get AWS's prefix naming the
   * state; errors that come from a Fail state or a child pass as they are.
   */
  void handle(Frame frame, State state, StateFailure failure, boolean raisedHere) {
    StateFailure located =
        raisedHere && isEvaluationError(failure.error())
            ? execution.located(frame, failure)
            : failure;
    // What the failed attempt meant to assign is dropped with it.
    frame.pendingAssignments = java.util.Map.of();
    List<Retrier> retry = state.io().retry();
    for (int i = 0; i < retry.size(); i++) {
      Retrier retrier = retry.get(i);
      if (matches(retrier.errorEquals(), located.error())) {
        int attempts = frame.retries.getOrDefault(i, 0);
        if (attempts < retrier.maxAttempts()) {
          long backoff = backoffMillis(retrier, attempts);
          execution.inspector.retrying(i, backoff, located);
          frame.retries.put(i, attempts + 1);
          frame.waiting = Frame.Waiting.RETRY;
          execution.armTimer(frame, execution.now.plusMillis(backoff));
          return;
        }
        break;
      }
    }
    if (!raisedHere && (state instanceof ParallelState || state instanceof MapState)) {
      runner.emitOfType(frame, state, "StateFailed", null, null);
    }
    List<Catcher> catchers = state.io().catchers();
    for (int i = 0; i < catchers.size(); i++) {
      Catcher catcher = catchers.get(i);
      if (matches(catcher.errorEquals(), located.error())) {
        ObjectNode errorOutput = NODES.objectNode();
        errorOutput.put("Error", located.error());
        errorOutput.put("Cause", located.cause());
        JsonNode output;
        try {
          output = caughtOutput(frame, state, catcher, errorOutput);
        } catch (StateFailure catcherFailed) {
          // The catcher itself cannot produce an output: the state fails with that error.
          frame.pendingAssignments = java.util.Map.of();
          frame.fail(catcherFailed.error(), catcherFailed.cause());
          return;
        }
        execution.inspector.caught(i, located);
        runner.emitOfType(frame, state, "StateExited", "output", output);
        StateRunner.applyAssignments(frame);
        frame.moveTo(catcher.next(), output);
        return;
      }
    }
    frame.fail(located.error(), located.cause());
  }

  /** The output a catcher gives, and its assignments (kept pending until the state is left). */
  private JsonNode caughtOutput(Frame frame, State state, Catcher catcher, JsonNode errorOutput) {
    if (StateRunner.isJsonata(state)) {
      return runner.jsonata().caughtOutput(frame, catcher.output(), catcher.assign(), errorOutput);
    }
    catcher
        .assign()
        .ifPresent(a -> runner.jsonPath().assignValues(frame, a, runner.scope(frame, errorOutput)));
    return Payloads.merge(catcher.resultPath(), frame.input, errorOutput);
  }

  /** A JSONata expression failed: AWS records it before the state's failure. */
  void evaluationFailed(Frame frame, State state, StateFailure failure) {
    if (StatesErrors.QUERY_EVALUATION_ERROR.equals(failure.error())) {
      runner.emit(frame, "EvaluationFailed", state, null, null);
      if (state instanceof MapState || state instanceof ParallelState) {
        runner.emitOfType(frame, state, "StateFailed", null, null);
      }
    }
  }

  static boolean isEvaluationError(String error) {
    return StatesErrors.RUNTIME.equals(error) || StatesErrors.QUERY_EVALUATION_ERROR.equals(error);
  }

  static boolean matches(List<String> errorEquals, String error) {
    return errorEquals.contains(error)
        || (errorEquals.contains(StatesErrors.ALL)
            && !StatesErrors.NOT_MATCHED_BY_ALL.contains(error))
        // States.TaskFailed stands for any error of a task but its timeout.
        || (errorEquals.contains(StatesErrors.TASK_FAILED)
            && !error.isEmpty()
            && (!error.startsWith("States.") || error.equals(StatesErrors.HEARTBEAT_TIMEOUT)));
  }

  long backoffMillis(Retrier retrier, int attempts) {
    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempts);
    if (retrier.maxDelaySeconds().isPresent()) {
      seconds = Math.min(seconds, retrier.maxDelaySeconds().get());
    }
    if (retrier.jitter() == Retrier.Jitter.FULL) {
      seconds = execution.random.nextDouble() * seconds;
    }
    return Math.round(seconds * 1000);
  }
}
