package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/** A stored and restored execution goes on exactly as the original would have. */
class ExecutionSnapshotTest {

  private static final String DEFINITION =
      """
      {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Assign": {"n": 1}, "Next": "Wait"},
        "Wait": {"Type": "Wait", "Seconds": 10, "Next": "Fan"},
        "Fan": {"Type": "Parallel", "Next": "Id", "Branches": [
          {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "work",
            "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "JitterStrategy": "FULL"}],
            "End": true}}},
          {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
            "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Task", "Resource": "item",
              "HeartbeatSeconds": 60, "End": true}}},
            "End": true}}}]},
        "Id": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "n.$": "$n", "results.$": "$"}, "End": true}}}
      """;

  @Test
  void shouldGoOnAfterEveryCommandAsIfNeverStored() {
    List<String> straight = drive(false);
    List<String> restoredEveryTime = drive(true);

    assertThat(restoredEveryTime).isEqualTo(straight);
    assertThat(straight).anyMatch(line -> line.startsWith("ExecutionSucceeded"));
    assertThat(straight.stream().filter(l -> l.startsWith("TaskFailed"))).hasSize(1);
  }

  @Test
  void shouldRefuseSnapshotOfUnknownVersion() {
    StateMachine machine = DefinitionParser.parse(DEFINITION).stateMachine().orElseThrow();
    ObjectNode snapshot = ExecutionSnapshot.write(Execution.of(machine, 1L));
    snapshot.put("version", 99);

    assertThatThrownBy(() -> ExecutionSnapshot.read(machine, snapshot))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 99");
  }

  /** Runs the definition, completing tasks with their input (the first "work" attempt fails). */
  private static List<String> drive(boolean restoreEachTime) {
    StateMachine machine = DefinitionParser.parse(DEFINITION).stateMachine().orElseThrow();
    Execution execution = Execution.of(machine, 99L);
    List<String> log = new ArrayList<>();
    PriorityQueue<Effect.ArmTimer> timers =
        new PriorityQueue<>(
            Comparator.comparing(Effect.ArmTimer::dueAt).thenComparing(Effect.ArmTimer::timerId));
    Deque<Effect.ScheduleTask> tasks = new ArrayDeque<>();
    Step step =
        execution.handle(
            new Command.StartExecution(
                Runs.json("{\"items\": [\"a\", \"b\"]}"),
                ExecutionIdentity.local("m", "e"),
                Runs.START));
    java.time.Instant now = Runs.START;
    boolean workFailed = false;
    for (int commands = 0; commands < 100; commands++) {
      step.events().forEach(e -> log.add(e.type() + " " + e.timestamp() + " " + e.details()));
      for (Effect effect : step.effects()) {
        log.add(effect.toString());
        if (effect instanceof Effect.ArmTimer timer) {
          timers.add(timer);
        } else if (effect instanceof Effect.ScheduleTask task) {
          tasks.add(task);
        }
      }
      if (execution.status() != ExecutionStatus.RUNNING) {
        break;
      }
      if (restoreEachTime) {
        execution =
            ExecutionSnapshot.read(
                machine, Runs.json(ExecutionSnapshot.write(execution).toString()));
      }
      if (!tasks.isEmpty()) {
        Effect.ScheduleTask task = tasks.poll();
        if (task.resource().equals("work") && !workFailed) {
          workFailed = true;
          step = execution.handle(new Command.FailTask(task.token(), "Flaky", "first try", now));
        } else {
          step = execution.handle(new Command.CompleteTask(task.token(), task.input(), now));
        }
      } else {
        Effect.ArmTimer timer = timers.poll();
        now = timer.dueAt();
        step = execution.handle(new Command.FireTimer(timer.timerId(), now));
      }
    }
    log.add("output " + execution.output().orElse(null));
    return log;
  }
}
