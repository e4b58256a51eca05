package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.asl.parse.DefinitionParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RedriveExecution in the engine: a failed, aborted or timed-out execution runs again from the
 * states that did not succeed, with the input they had, and nothing that succeeded runs again; in a
 * Parallel or Map state only the branches and iterations that did not succeed.
 */
class RedriveTest {

  private static final String THREE_STEPS =
      """
      {"StartAt": "Extract", "States": {
        "Extract": {"Type": "Task", "Resource": "r", "ResultPath": "$.extracted", "Next": "Load"},
        "Load": {"Type": "Task", "Resource": "r", "ResultPath": "$.loaded", "Next": "Report"},
        "Report": {"Type": "Task", "Resource": "r",
          "Parameters": {"redrives.$": "$$.Execution.RedriveCount", "loaded.$": "$.loaded"},
          "End": true}}}
      """;

  private static final String PARALLEL =
      """
      {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Left", "States": {"Left": {"Type": "Task", "Resource": "r", "End": true}}},
        {"StartAt": "Right", "States": {
          "Right": {"Type": "Task", "Resource": "r", "Next": "After"},
          "After": {"Type": "Pass", "Result": "after", "End": true}}}]}}}
      """;

  private static final String MAP =
      """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "r", "End": true}}}}}}
      """;

  @Test
  void shouldRunAgainFromTheFailedStateOnly() {
    Runs.Started run = Runs.start(THREE_STEPS, "{\"day\": 1}");
    Execution execution = run.execution();
    Effect.ScheduleTask extract = Runs.scheduled(run.started());
    Effect.ScheduleTask load = complete(execution, extract, "\"e\"");
    Effect.ScheduleTask report = complete(execution, load, "\"l\"");
    assertThat(report.input().toString()).isEqualTo("{\"redrives\":0,\"loaded\":\"l\"}");
    execution.handle(
        new Command.FailTask(report.token(), "Down", "the report service", Runs.START));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);

    Step redriven = execution.handle(new Command.RedriveExecution(Runs.START.plusSeconds(60)));

    assertThat(types(redriven))
        .containsExactly("ExecutionRedriven", "TaskStateEntered", "TaskScheduled");
    assertThat(redriven.events().get(0).details().toString()).isEqualTo("{\"redriveCount\":1}");
    assertThat(redriven.events().get(1).details().path("name").asText()).isEqualTo("Report");
    Effect.ScheduleTask again = Runs.scheduled(redriven);
    assertThat(again.input().toString()).isEqualTo("{\"redrives\":1,\"loaded\":\"l\"}");
    assertThat(again.token()).isNotEqualTo(report.token());
    execution.handle(new Command.CompleteTask(again.token(), Runs.json("\"r\""), Runs.START));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output()).contains(Runs.json("\"r\""));
    assertThat(execution.redriveCount()).isEqualTo(1);
  }

  @Test
  void shouldRedriveAnExecutionRestoredFromItsSnapshot() throws Exception {
    Runs.Started run = Runs.start(THREE_STEPS, "{}");
    Effect.ScheduleTask extract = Runs.scheduled(run.started());
    Effect.ScheduleTask load = complete(run.execution(), extract, "1");
    run.execution().handle(new Command.FailTask(load.token(), "Down", "", Runs.START));
    String stored = ExecutionSnapshot.write(run.execution()).toString();

    Execution restored =
        ExecutionSnapshot.read(
            DefinitionParser.parse(THREE_STEPS).stateMachine().orElseThrow(),
            Runs.JSON.readTree(stored));
    Step redriven = restored.handle(new Command.RedriveExecution(Runs.START));

    assertThat(redriven.events().get(1).details().path("name").asText()).isEqualTo("Load");
    assertThat(Runs.scheduled(redriven).input()).isEqualTo(Runs.json("{\"extracted\": 1}"));
  }

  @Test
  void shouldRunOnlyTheParallelBranchThatFailedFromWhereItFailed() {
    Runs.Started run = Runs.start(PARALLEL, "{}");
    Execution execution = run.execution();
    List<Effect.ScheduleTask> tasks = scheduled(run.started());
    assertThat(tasks).hasSize(2);
    execution.handle(
        new Command.CompleteTask(tasks.get(0).token(), Runs.json("\"L\""), Runs.START));
    execution.handle(new Command.FailTask(tasks.get(1).token(), "Down", "", Runs.START));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);

    Step redriven = execution.handle(new Command.RedriveExecution(Runs.START));

    List<Effect.ScheduleTask> again = scheduled(redriven);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).idempotencyKey()).contains("/Both@1[1]/Right@");
    assertThat(types(redriven)).doesNotContain("ParallelStateEntered");
    execution.handle(
        new Command.CompleteTask(again.get(0).token(), Runs.json("\"R\""), Runs.START));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output()).contains(Runs.json("[\"L\", \"after\"]"));
  }

  @Test
  void shouldRunOnlyTheMapIterationsThatDidNotSucceed() {
    Runs.Started run = Runs.start(MAP, "[10, 11, 12]");
    Execution execution = run.execution();
    List<Effect.ScheduleTask> tasks = scheduled(run.started());
    assertThat(tasks).hasSize(3);
    execution.handle(new Command.CompleteTask(tasks.get(0).token(), Runs.json("0"), Runs.START));
    // The second item fails the Map; the third, still running, is cancelled with it.
    execution.handle(new Command.FailTask(tasks.get(1).token(), "Down", "", Runs.START));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);

    List<Effect.ScheduleTask> again =
        scheduled(execution.handle(new Command.RedriveExecution(Runs.START)));

    assertThat(again).extracting(t -> t.input().asInt()).containsExactly(11, 12);
    for (Effect.ScheduleTask task : again) {
      execution.handle(
          new Command.CompleteTask(
              task.token(), Runs.json(String.valueOf(task.input().asInt() - 10)), Runs.START));
    }
    assertThat(execution.output()).contains(Runs.json("[0, 1, 2]"));
  }

  @Test
  void shouldRedriveAnAbortedExecutionFromTheStateItWasIn() {
    Runs.Started run = Runs.start(THREE_STEPS, "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask extract = Runs.scheduled(run.started());
    execution.handle(
        new Command.StopExecution(
            java.util.Optional.empty(), java.util.Optional.empty(), Runs.START));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);

    Step redriven = execution.handle(new Command.RedriveExecution(Runs.START));

    assertThat(redriven.events().get(1).details().path("name").asText()).isEqualTo("Extract");
    assertThat(Runs.scheduled(redriven).token()).isNotEqualTo(extract.token());
    assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void shouldArmTheExecutionTimeoutAgainForATimedOutExecution() {
    Runs.Started run =
        Runs.start(
            "{\"TimeoutSeconds\": 30, \"StartAt\": \"Call\", \"States\": {"
                + "\"Call\": {\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true}}}",
            "{}");
    Execution execution = run.execution();
    Effect.ArmTimer timeout =
        run.started().effects().stream()
            .filter(Effect.ArmTimer.class::isInstance)
            .map(Effect.ArmTimer.class::cast)
            .findFirst()
            .orElseThrow();
    execution.handle(new Command.FireTimer(timeout.timerId(), timeout.dueAt()));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);

    Step redriven = execution.handle(new Command.RedriveExecution(Runs.START.plusSeconds(100)));

    assertThat(redriven.effects())
        .filteredOn(Effect.ArmTimer.class::isInstance)
        .extracting(e -> ((Effect.ArmTimer) e).dueAt())
        .containsExactly(Runs.START.plusSeconds(130));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void shouldRefuseToRedriveARunningOrSucceededExecution() {
    Runs.Started run = Runs.start(THREE_STEPS, "{}");
    Execution execution = run.execution();
    assertThat(execution.notRedrivable()).contains("Execution is RUNNING and cannot be redriven");
    assertThatThrownBy(() -> execution.handle(new Command.RedriveExecution(Runs.START)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RUNNING");

    Runs.Started passed =
        Runs.start(
            "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}", "{}");
    assertThat(passed.execution().notRedrivable())
        .contains("Execution is SUCCEEDED and cannot be redriven");
  }

  private static Effect.ScheduleTask complete(
      Execution execution, Effect.ScheduleTask task, String output) {
    return Runs.scheduled(
        execution.handle(new Command.CompleteTask(task.token(), Runs.json(output), Runs.START)));
  }

  private static List<Effect.ScheduleTask> scheduled(Step step) {
    return step.effects().stream()
        .filter(Effect.ScheduleTask.class::isInstance)
        .map(Effect.ScheduleTask.class::cast)
        .toList();
  }

  private static List<String> types(Step step) {
    return step.events().stream().map(HistoryEvent::type).toList();
  }
}
