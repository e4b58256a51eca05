package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** StopExecution: a running execution ends aborted, and stays closed. */
class StopExecutionTest {

  private static final String TWO_TASKS =
      """
      {"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "a", "HeartbeatSeconds": 60,
          "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "b", "End": true}}}]}}}
      """;

  private static final String WAIT =
      """
      {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}
      """;

  private static Command.StopExecution stop(String error, String cause, long seconds) {
    return new Command.StopExecution(
        Optional.ofNullable(error), Optional.ofNullable(cause), Runs.START.plusSeconds(seconds));
  }

  private static <T extends Effect> List<T> effects(Step step, Class<T> type) {
    return step.effects().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void shouldAbortAndCancelEveryTaskWhenStopped() {
    Runs.Started run = Runs.start(TWO_TASKS, "{}");
    Execution execution = run.execution();
    List<String> tokens =
        effects(run.started(), Effect.ScheduleTask.class).stream()
            .map(Effect.ScheduleTask::token)
            .toList();
    long lastEventId = run.started().events().get(run.started().events().size() - 1).id();

    Step stopped = execution.handle(stop("Operator", "stopped by hand", 5));

    assertThat(tokens).hasSize(2);
    assertThat(stopped.events()).hasSize(1);
    HistoryEvent aborted = stopped.events().get(0);
    assertThat(aborted.type()).isEqualTo("ExecutionAborted");
    assertThat(aborted.id()).isEqualTo(lastEventId + 1);
    assertThat(aborted.previousEventId()).isEqualTo(lastEventId);
    assertThat(aborted.timestamp()).isEqualTo(Runs.START.plusSeconds(5));
    assertThat(aborted.details())
        .isEqualTo(Runs.json("{\"error\": \"Operator\", \"cause\": \"stopped by hand\"}"));
    assertThat(stopped.effects())
        .containsExactlyInAnyOrderElementsOf(
            tokens.stream().map(token -> (Effect) new Effect.CancelTask(token)).toList());
    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(execution.error()).hasValue("Operator");
    assertThat(execution.cause()).hasValue("stopped by hand");
  }

  @Test
  void shouldRecordEmptyDetailsWhenStoppedWithoutErrorOrCause() {
    Execution execution = Runs.start(WAIT, "{}").execution();

    Step stopped = execution.handle(stop(null, null, 1));

    assertThat(stopped.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("ExecutionAborted");
              assertThat(e.details()).isEqualTo(Runs.json("{}"));
            });
    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(execution.error()).isEmpty();
    assertThat(execution.cause()).isEmpty();
  }

  @Test
  void shouldIgnoreTimerWhenItFiresAfterStop() {
    Runs.Started run = Runs.start(WAIT, "{}");
    Effect.ArmTimer wait = effects(run.started(), Effect.ArmTimer.class).get(0);
    run.execution().handle(stop(null, null, 1));

    Step fired = run.execution().handle(new Command.FireTimer(wait.timerId(), wait.dueAt()));

    assertThat(fired.events()).isEmpty();
    assertThat(fired.effects()).isEmpty();
    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void shouldRefuseTaskResultWhenItArrivesAfterStop() {
    Runs.Started run = Runs.start(TWO_TASKS, "{}");
    String token = Runs.scheduled(run.started()).token();
    run.execution().handle(stop(null, null, 1));

    assertThatThrownBy(
            () ->
                run.execution()
                    .handle(new Command.CompleteTask(token, Runs.json("{}"), Runs.START)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no task with token '" + token + "' is running");
  }

  @Test
  void shouldRefuseStopWhenExecutionIsNotRunning() {
    StateMachine machine = DefinitionParser.parse(WAIT).stateMachine().orElseThrow();
    Execution notStarted = Execution.of(machine, 1L);
    Execution stopped = Runs.start(WAIT, "{}").execution();
    stopped.handle(stop(null, null, 1));

    assertThatThrownBy(() -> notStarted.handle(stop(null, null, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("only a running execution can be stopped, and this one is NOT_STARTED");
    assertThatThrownBy(() -> stopped.handle(stop(null, null, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("only a running execution can be stopped, and this one is ABORTED");
  }

  @Test
  void shouldRefuseStopWhenExecutionSucceeded() {
    Runs.Started run = Runs.start(TWO_TASKS, "{}");
    for (Effect.ScheduleTask task : effects(run.started(), Effect.ScheduleTask.class)) {
      run.execution().handle(new Command.CompleteTask(task.token(), Runs.json("1"), Runs.START));
    }

    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThatThrownBy(() -> run.execution().handle(stop(null, null, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this one is SUCCEEDED");
  }

  @Test
  void shouldKeepAbortedStatusErrorAndCauseWhenRestoredFromSnapshot() {
    StateMachine machine = DefinitionParser.parse(TWO_TASKS).stateMachine().orElseThrow();
    Execution execution = Runs.start(TWO_TASKS, "{}").execution();
    String token =
        ((Effect.CancelTask) execution.handle(stop("Operator", "stopped", 3)).effects().get(0))
            .token();
    ObjectNode snapshot = ExecutionSnapshot.write(execution);

    Execution restored = ExecutionSnapshot.read(machine, snapshot);

    assertThat(restored.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(restored.error()).hasValue("Operator");
    assertThat(restored.cause()).hasValue("stopped");
    assertThat(ExecutionSnapshot.write(restored)).isEqualTo(snapshot);
    assertThatThrownBy(
            () -> restored.handle(new Command.CompleteTask(token, Runs.json("1"), Instant.EPOCH)))
        .isInstanceOf(IllegalStateException.class);
  }
}
