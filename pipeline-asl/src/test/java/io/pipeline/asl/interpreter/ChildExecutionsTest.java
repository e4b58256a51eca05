package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.asl.parse.DefinitionParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Distributed Map iterations run as child executions, and their Map Runs. */
class ChildExecutionsTest {

  private static final String MAP =
      """
      {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Rows", %s
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true}}}
      """;

  @Test
  void shouldStartEachItemAsChildExecutionAndCollectTheirOutputs() {
    Execution execution = execution(MAP.formatted(""));
    Step started = start(execution, "[10, 20, 30]");

    List<Effect.StartChildExecution> children = children(started);
    assertThat(children).hasSize(3);
    assertThat(children)
        .extracting(Effect.StartChildExecution::executionArn)
        .allMatch(arn -> arn.startsWith("arn:aws:states:us-east-1:000000000000:execution:m/Rows:"))
        .doesNotHaveDuplicates();
    assertThat(children.get(0).mapRunArn())
        .startsWith("arn:aws:states:us-east-1:000000000000:mapRun:m/Rows:");
    assertThat(children.get(1).input()).isEqualTo(Runs.json("20"));
    assertThat(children.get(0).processorPath()).containsExactly("M");
    assertThat(children.get(0).express()).isFalse();
    MapRun running = run(started);
    assertThat(running.status()).isEqualTo("RUNNING");
    assertThat(running.executions().running()).isEqualTo(3);
    assertThat(started.events()).extracting(HistoryEvent::type).contains("MapRunStarted");

    execution.handle(complete(children.get(2), "\"c\""));
    execution.handle(complete(children.get(0), "\"a\""));
    Step last = execution.handle(complete(children.get(1), "\"b\""));

    assertThat(execution.output()).hasValue(Runs.json("[\"a\", \"b\", \"c\"]"));
    MapRun done = run(last);
    assertThat(done.status()).isEqualTo("SUCCEEDED");
    assertThat(done.stopDate()).hasValue(Runs.START);
    assertThat(done.executions().succeeded()).isEqualTo(3);
    assertThat(done.items().total()).isEqualTo(3);
  }

  @Test
  void shouldStartNoMoreThanMaxConcurrencyUntilUpdateMapRunRaisesIt() {
    Execution execution = execution(MAP.formatted("\"MaxConcurrency\": 1,"));
    Step started = start(execution, "[1, 2, 3, 4]");
    assertThat(children(started)).hasSize(1);
    String runArn = run(started).mapRunArn();

    Step updated =
        execution.handle(
            new Command.UpdateMapRun(
                runArn, Optional.of(3), Optional.empty(), Optional.empty(), Runs.START));

    assertThat(children(updated)).hasSize(2);
    assertThat(run(updated).maxConcurrency()).isEqualTo(3);
    assertThat(run(updated).executions().pending()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                execution.handle(
                    new Command.UpdateMapRun(
                        runArn + "x",
                        Optional.of(1),
                        Optional.empty(),
                        Optional.empty(),
                        Runs.START)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldFailTheMapAndStopRunningChildrenWhenFailuresExceedTheTolerance() {
    Execution execution = execution(MAP.formatted("\"ToleratedFailureCount\": 1,"));
    List<Effect.StartChildExecution> children = children(start(execution, "[1, 2, 3, 4]"));

    execution.handle(fail(children.get(0)));
    Step second = execution.handle(fail(children.get(1)));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).hasValue("States.ExceedToleratedFailureThreshold");
    assertThat(second.effects())
        .filteredOn(Effect.StopChildExecution.class::isInstance)
        .extracting(e -> ((Effect.StopChildExecution) e).executionArn())
        .containsExactlyInAnyOrder(children.get(2).executionArn(), children.get(3).executionArn());
    MapRun failed = run(second);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.executions().failed()).isEqualTo(2);
    assertThat(failed.executions().aborted()).isEqualTo(2);
  }

  @Test
  void shouldLowerTheToleranceThroughUpdateMapRunAndFailAtOnce() {
    Execution execution = execution(MAP.formatted("\"ToleratedFailurePercentage\": 50,"));
    List<Effect.StartChildExecution> children = children(start(execution, "[1, 2, 3, 4]"));
    execution.handle(fail(children.get(0)));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);

    Step updated =
        execution.handle(
            new Command.UpdateMapRun(
                runArn(execution),
                Optional.empty(),
                Optional.of(0L),
                Optional.empty(),
                Runs.START));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run(updated).toleratedFailureCount()).isZero();
    assertThat(run(updated).status()).isEqualTo("FAILED");
  }

  @Test
  void shouldStopRunningChildrenAndAbortTheRunWhenTheParentIsStopped() {
    Execution execution = execution(MAP.formatted(""));
    List<Effect.StartChildExecution> children = children(start(execution, "[1, 2]"));

    Step stopped =
        execution.handle(new Command.StopExecution(Optional.empty(), Optional.empty(), Runs.START));

    assertThat(stopped.effects())
        .filteredOn(Effect.StopChildExecution.class::isInstance)
        .hasSize(2);
    assertThat(run(stopped).status()).isEqualTo("ABORTED");
    assertThat(run(stopped).executions().aborted()).isEqualTo(2);
    assertThat(children).hasSize(2);
  }

  @Test
  void shouldGoOnFromSnapshotAsTheOriginalWould() {
    Execution execution = execution(MAP.formatted("\"MaxConcurrency\": 2,"));
    List<Effect.StartChildExecution> first = children(start(execution, "[1, 2, 3]"));

    Execution restored =
        ExecutionSnapshot.read(execution.machine, ExecutionSnapshot.write(execution));
    Step original = execution.handle(complete(first.get(0), "1"));
    Step again = restored.handle(complete(first.get(0), "1"));

    assertThat(again.effects()).isEqualTo(original.effects());
    Effect.StartChildExecution third = children(again).get(0);
    restored.handle(complete(third, "3"));
    restored.handle(complete(first.get(1), "2"));
    assertThat(restored.output()).hasValue(Runs.json("[1, 2, 3]"));
  }

  @Test
  void shouldRedriveOnlyFailedChildrenAsNewExecutions() {
    Execution execution = execution(MAP.formatted(""));
    List<Effect.StartChildExecution> first = children(start(execution, "[1, 2]"));
    execution.handle(complete(first.get(0), "1"));
    execution.handle(fail(first.get(1)));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);

    Step redriven = execution.handle(new Command.RedriveExecution(Runs.START));

    List<Effect.StartChildExecution> again = children(redriven);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).input()).isEqualTo(Runs.json("2"));
    assertThat(again.get(0).executionArn()).isNotEqualTo(first.get(1).executionArn());
    execution.handle(complete(again.get(0), "2"));
    assertThat(execution.output()).hasValue(Runs.json("[1, 2]"));
  }

  @Test
  void shouldCountItemsOfBatchesAndPassTheRunToTheResultWriter() {
    Execution execution =
        execution(
            MAP.formatted(
                "\"ItemBatcher\": {\"MaxItemsPerBatch\": 2}, \"ResultWriter\": {\"Resource\":"
                    + " \"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"b\"}},"));
    Step started = start(execution, "[1, 2, 3]");
    assertThat(run(started).items().total()).isEqualTo(3);
    assertThat(run(started).executions().total()).isEqualTo(2);
    List<Effect.StartChildExecution> children = children(started);

    execution.handle(complete(children.get(0), "\"x\""));
    Step written = execution.handle(complete(children.get(1), "\"y\""));

    Effect.ScheduleTask writer = Runs.scheduled(written);
    assertThat(writer.input().get("MapRunArn").asText()).isEqualTo(children.get(0).mapRunArn());
  }

  @Test
  void shouldRunIterationsInsideTheExecutionPastTheChildLimitAndStillRecordTheRun() {
    Execution execution = execution(MAP.formatted(""));
    String items =
        java.util.stream.IntStream.rangeClosed(0, ChildExecutions.MAX_CHILD_EXECUTIONS)
            .mapToObj(String::valueOf)
            .collect(java.util.stream.Collectors.joining(",", "[", "]"));

    Step started = start(execution, items);

    assertThat(children(started)).isEmpty();
    MapRun run = run(started);
    assertThat(run.items().total()).isEqualTo(ChildExecutions.MAX_CHILD_EXECUTIONS + 1);
    assertThat(run.status()).isEqualTo("RUNNING");
  }

  @Test
  void shouldFindTheProcessorOfMapsInsideBranches() {
    var machine =
        DefinitionParser.parse(
                """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                  {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                      "StartAt": "Inner", "States": {"Inner": {"Type": "Succeed"}}}}}}]}}}
                """)
            .stateMachine()
            .orElseThrow();
    Execution execution = Execution.of(machine, 7L).runChildExecutions();
    Step started = start(execution, "[5]");

    List<String> path = children(started).get(0).processorPath();
    assertThat(path).containsExactly("P", "1", "M");
    assertThat(ChildExecutions.processor(machine, path).startAt()).isEqualTo("Inner");
    assertThatThrownBy(() -> ChildExecutions.processor(machine, List.of("P", "0", "A")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String runArn(Execution execution) {
    return ChildRuns.openRuns(execution.root).get(0).children.run.arn;
  }

  private static Execution execution(String definition) {
    return Execution.of(DefinitionParser.parse(definition).stateMachine().orElseThrow(), 7L)
        .runChildExecutions();
  }

  private static Step start(Execution execution, String input) {
    return execution.handle(
        new Command.StartExecution(
            Runs.json(input), ExecutionIdentity.local("m", "e"), Runs.START));
  }

  private static Command complete(Effect.StartChildExecution child, String output) {
    return new Command.CompleteTask(child.token(), Runs.json(output), Runs.START);
  }

  private static Command fail(Effect.StartChildExecution child) {
    return new Command.FailTask(child.token(), "Boom", "it broke", Runs.START);
  }

  private static List<Effect.StartChildExecution> children(Step step) {
    return step.effects().stream()
        .filter(Effect.StartChildExecution.class::isInstance)
        .map(Effect.StartChildExecution.class::cast)
        .toList();
  }

  private static MapRun run(Step step) {
    return step.effects().stream()
        .filter(Effect.RecordMapRun.class::isInstance)
        .map(e -> ((Effect.RecordMapRun) e).run())
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no Map Run recorded in " + step.effects()));
  }
}
