package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.parse.DefinitionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * AWS's history quota: event number 25,000 is the execution's success or the failure the limit
 * causes, whatever the states were doing.
 */
class HistoryLimitTest {

  static final String ENDLESS_LOOP =
      """
      {"StartAt": "Loop", "States": {
        "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.spin", "BooleanEquals": true,
          "Next": "Spin"}], "Default": "Done"},
        "Spin": {"Type": "Pass", "Next": "Loop"},
        "Done": {"Type": "Succeed"}}}
      """;

  private static void assertFailedOnLimit(Execution execution, List<HistoryEvent> history) {
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).hasValue(StatesErrors.RUNTIME);
    assertThat(execution.cause())
        .hasValue("The execution reached the maximum number of history events (25000).");
    assertThat(history).hasSize(Execution.MAX_HISTORY_EVENTS);
    assertThat(history.stream().mapToLong(HistoryEvent::id))
        .containsExactlyElementsOf(
            LongStream.rangeClosed(1, Execution.MAX_HISTORY_EVENTS).boxed().toList());
    HistoryEvent last = history.get(history.size() - 1);
    assertThat(last.type()).isEqualTo("ExecutionFailed");
    assertThat(last.previousEventId()).isEqualTo(Execution.MAX_HISTORY_EVENTS - 1);
    assertThat(last.details())
        .isEqualTo(
            Runs.JSON
                .createObjectNode()
                .put("error", StatesErrors.RUNTIME)
                .put("cause", Execution.HISTORY_LIMIT_CAUSE));
    assertThat(history.subList(0, history.size() - 1))
        .noneMatch(e -> e.type().startsWith("Execution") && e.id() > 1);
  }

  @Test
  void shouldFailWhenLoopReachesHistoryLimit() {
    LocalRun.Result result = Runs.run(ENDLESS_LOOP, "{\"spin\": true}");

    assertFailedOnLimit(result.execution(), result.history());
    assertThat(result.history().get(Execution.MAX_HISTORY_EVENTS - 2).type())
        .isEqualTo("ChoiceStateExited");
  }

  @Test
  void shouldSucceedWhenExecutionSucceededIsLastEventHistoryHolds() {
    // ExecutionStarted, Init (2), 6,248 rounds of Choice + Pass (4 each), the last Choice (2),
    // Done (2) and ExecutionSucceeded: 25,000 events.
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "Init", "States": {
              "Init": {"Type": "Pass", "Result": {"i": 0}, "Next": "Loop"},
              "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 6248,
                "Next": "Count"}], "Default": "Done"},
              "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"},
                "Next": "Loop"},
              "Done": {"Type": "Succeed"}}}
            """,
            "{}");

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.execution().output()).hasValue(Runs.json("{\"i\": 6248}"));
    assertThat(result.history()).hasSize(Execution.MAX_HISTORY_EVENTS);
    assertThat(result.history().get(Execution.MAX_HISTORY_EVENTS - 1).type())
        .isEqualTo("ExecutionSucceeded");
  }

  @Test
  void shouldFailOnLimitWhenExecutionFailedWouldBeLastEventHistoryHolds() {
    // ExecutionStarted, 6,248 rounds of Choice + Pass (4 each), the last Choice (2), then
    // ParallelStateEntered, ParallelStateStarted, FailStateEntered, ParallelStateFailed: the
    // ExecutionFailed of the Fail state would be event 25,000.
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "Loop", "States": {
              "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 6248,
                "Next": "Count"}], "Default": "Done"},
              "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"},
                "Next": "Loop"},
              "Done": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "Mine"}}}]}}}
            """,
            "{\"i\": 0}");

    assertThat(result.history().get(Execution.MAX_HISTORY_EVENTS - 2).type())
        .isEqualTo("ParallelStateFailed");
    assertFailedOnLimit(result.execution(), result.history());
  }

  @Test
  void shouldFailWhenLimitIsReachedAmongMapIterations() {
    String items = IntStream.range(0, 8_000).mapToObj(String::valueOf).toList().toString();

    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{\"items\": " + items + "}");

    assertFailedOnLimit(result.execution(), result.history());
  }

  @Test
  void shouldCancelTasksAndDropTimersWhenLimitIsReachedMidCommand() {
    String definition =
        """
        {"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "work",
            "HeartbeatSeconds": 60, "End": true}}},
          {"StartAt": "Loop", "States": {
            "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.spin", "BooleanEquals": true,
              "Next": "Spin"}], "Default": "Done"},
            "Spin": {"Type": "Pass", "Next": "Loop"},
            "Done": {"Type": "Succeed"}}}]}}}
        """;
    Runs.Started run = Runs.start(definition, "{\"spin\": true}");
    Execution execution = run.execution();
    String token = Runs.scheduled(run.started()).token();
    List<HistoryEvent> history = new ArrayList<>(run.started().events());
    Step step = run.started();
    List<Effect.ArmTimer> armed = new ArrayList<>();
    for (int commands = 0; execution.status() == ExecutionStatus.RUNNING; commands++) {
      assertThat(commands).isLessThan(100);
      List<Effect.ArmTimer> timers =
          step.effects().stream()
              .filter(Effect.ArmTimer.class::isInstance)
              .map(Effect.ArmTimer.class::cast)
              .toList();
      armed.addAll(timers);
      Effect.ArmTimer next =
          timers.stream().filter(t -> t.dueAt().equals(Runs.START)).findFirst().orElseThrow();
      step = execution.handle(new Command.FireTimer(next.timerId(), next.dueAt()));
      history.addAll(step.events());
    }

    assertFailedOnLimit(execution, history);
    assertThat(step.effects()).containsExactly(new Effect.CancelTask(token));
    for (Effect.ArmTimer timer : armed) {
      Step late = execution.handle(new Command.FireTimer(timer.timerId(), timer.dueAt()));
      assertThat(late.events()).isEmpty();
      assertThat(late.effects()).isEmpty();
    }
    assertThatThrownBy(
            () -> execution.handle(new Command.CompleteTask(token, Runs.json("1"), Runs.START)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is running");
    ObjectNode snapshot = ExecutionSnapshot.write(execution);
    Execution restored =
        ExecutionSnapshot.read(
            DefinitionParser.parse(definition).stateMachine().orElseThrow(), snapshot);
    assertThat(restored.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(restored.error()).hasValue(StatesErrors.RUNTIME);
    assertThat(restored.cause()).hasValue(Execution.HISTORY_LIMIT_CAUSE);
    assertThat(snapshot.path("timers").isEmpty()).isTrue();
    assertThat(snapshot.path("tasks").isEmpty()).isTrue();
  }
}
