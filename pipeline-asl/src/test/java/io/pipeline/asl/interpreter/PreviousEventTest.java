package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each event's {@code previousEventId} is the event before it in its own branch or iteration, as in
 * AWS's histories: followed back, the events of a task lead to the state that scheduled it, even
 * where branches run side by side.
 */
class PreviousEventTest {

  private static final String TWO_BRANCHES =
      """
      {"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "Next": "After", "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "a", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "b", "End": true}}}]},
        "After": {"Type": "Pass", "End": true}}}
      """;

  private static final String TWO_ITERATIONS =
      """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "w", "End": true}}}}}}
      """;

  @Test
  void shouldChainEachBranchToItsOwnStateWhenParallelBranchesRunSideBySide() {
    // given
    Runs.Started run = Runs.start(TWO_BRANCHES, "{}");
    List<HistoryEvent> events = new ArrayList<>(run.started().events());
    List<Effect.ScheduleTask> tasks = scheduled(run.started());

    // when: B's task starts and ends before A's
    Effect.ScheduleTask b = tasks.get(1);
    Effect.ScheduleTask a = tasks.get(0);
    Execution execution = run.execution();
    events.addAll(
        execution.handle(new Command.StartTask(b.token(), Optional.empty(), Runs.START)).events());
    events.addAll(
        execution.handle(new Command.StartTask(a.token(), Optional.empty(), Runs.START)).events());
    events.addAll(
        execution.handle(new Command.CompleteTask(b.token(), Runs.json("2"), Runs.START)).events());
    events.addAll(
        execution.handle(new Command.CompleteTask(a.token(), Runs.json("1"), Runs.START)).events());

    // then
    Map<Long, HistoryEvent> byId = new HashMap<>();
    events.forEach(e -> byId.put(e.id(), e));
    assertThat(stateOf("TaskStarted", 0, events, byId)).isEqualTo("B");
    assertThat(stateOf("TaskStarted", 1, events, byId)).isEqualTo("A");
    assertThat(stateOf("TaskSucceeded", 0, events, byId)).isEqualTo("B");
    assertThat(stateOf("TaskSucceeded", 1, events, byId)).isEqualTo("A");
    HistoryEvent parallelStarted = first("ParallelStateStarted", events);
    assertThat(events)
        .filteredOn(e -> e.type().equals("TaskStateEntered"))
        .extracting(HistoryEvent::previousEventId)
        .containsExactly(parallelStarted.id(), parallelStarted.id());
    assertThat(first("ExecutionSucceeded", events).previousEventId())
        .isEqualTo(first("PassStateExited", events).id());
  }

  @Test
  void shouldChainEachIterationToItsStartWhenMapIterationsRunSideBySide() {
    // given
    Runs.Started run = Runs.start(TWO_ITERATIONS, "[1, 2]");
    List<HistoryEvent> events = new ArrayList<>(run.started().events());
    List<Effect.ScheduleTask> tasks = scheduled(run.started());

    // when
    events.addAll(
        run.execution()
            .handle(new Command.FailTask(tasks.get(1).token(), "Oops", "second", Runs.START))
            .events());

    // then
    List<HistoryEvent> iterations =
        events.stream().filter(e -> e.type().equals("MapIterationStarted")).toList();
    List<HistoryEvent> entered =
        events.stream().filter(e -> e.type().equals("TaskStateEntered")).toList();
    assertThat(entered)
        .extracting(HistoryEvent::previousEventId)
        .containsExactly(iterations.get(0).id(), iterations.get(1).id());
    HistoryEvent failed = first("TaskFailed", events);
    HistoryEvent secondScheduled =
        events.stream().filter(e -> e.type().equals("TaskScheduled")).toList().get(1);
    assertThat(failed.previousEventId()).isEqualTo(secondScheduled.id());
    assertThat(secondScheduled.previousEventId()).isEqualTo(entered.get(1).id());
  }

  private static List<Effect.ScheduleTask> scheduled(Step step) {
    return step.effects().stream()
        .filter(Effect.ScheduleTask.class::isInstance)
        .map(Effect.ScheduleTask.class::cast)
        .toList();
  }

  private static HistoryEvent first(String type, List<HistoryEvent> events) {
    return events.stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow();
  }

  /** The state whose entry the n-th event of a type leads back to. */
  private static String stateOf(
      String type, int n, List<HistoryEvent> events, Map<Long, HistoryEvent> byId) {
    HistoryEvent event = events.stream().filter(e -> e.type().equals(type)).toList().get(n);
    while (!event.type().endsWith("StateEntered")) {
      event = byId.get(event.previousEventId());
    }
    return event.details().get("name").asText();
  }
}
