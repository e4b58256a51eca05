package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.parse.DefinitionParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
    Parent parent = new Parent(MAP.formatted(""));
    Step started = parent.start("[10, 20, 30]");

    List<Effect.StartChildExecution> children = children(started);
    assertThat(children).hasSize(3);
    assertThat(children)
        .extracting(Effect.StartChildExecution::executionArn)
        .allMatch(arn -> arn.startsWith("arn:aws:states:us-east-1:000000000000:execution:m/Rows:"))
        .doesNotHaveDuplicates();
    assertThat(children.get(0).mapRunArn())
        .startsWith("arn:aws:states:us-east-1:000000000000:mapRun:m/Rows:");
    assertThat(parent.input(children.get(1))).isEqualTo(Runs.json("20"));
    assertThat(children.get(0).processorPath()).containsExactly("M");
    assertThat(children.get(0).express()).isFalse();
    MapRun running = run(started);
    assertThat(running.status()).isEqualTo("RUNNING");
    assertThat(running.executions().running()).isEqualTo(3);
    assertThat(started.events()).extracting(HistoryEvent::type).contains("MapRunStarted");

    parent.complete(children.get(2), "\"c\"");
    parent.complete(children.get(0), "\"a\"");
    Step last = parent.complete(children.get(1), "\"b\"");

    assertThat(parent.execution.output()).hasValue(Runs.json("[\"a\", \"b\", \"c\"]"));
    MapRun done = run(last);
    assertThat(done.status()).isEqualTo("SUCCEEDED");
    assertThat(done.stopDate()).hasValue(Runs.START);
    assertThat(done.executions().succeeded()).isEqualTo(3);
    assertThat(done.items().total()).isEqualTo(3);
  }

  @Test
  void shouldKeepTheParentsStateSmallWhateverTheRunsSize() {
    Parent parent = new Parent(MAP.formatted("\"MaxConcurrency\": 100,"));
    String items =
        IntStream.range(0, 10_000)
            .mapToObj(i -> "{\"row\": " + i + ", \"text\": \"some words of an item\"}")
            .collect(Collectors.joining(",", "[", "]"));
    List<Effect.StartChildExecution> first = children(parent.start(items));

    Step ended = parent.complete(first.get(0), "{\"priced\": 1}");

    assertThat(children(ended)).hasSize(1);
    // The execution's input holds the items (it is stored with the execution and as the Map
    // state's input); the run adds a few bits per child, not the items again nor the results.
    assertThat(ExecutionSnapshot.write(parent.execution).toString().length())
        .as("the items and results are the runtime's, not the parent's")
        .isLessThan(2 * items.length() + 8_000);
  }

  @Test
  void shouldStartALargeRunOverSeveralCommandsWithinEachCommandsBudget() {
    Parent parent = new Parent(MAP.formatted(""));
    String items =
        IntStream.range(0, 2_500)
            .mapToObj(String::valueOf)
            .collect(Collectors.joining(",", "[", "]"));
    Step started = parent.start(items);
    List<Effect.StartChildExecution> first = children(started);
    Effect.ArmTimer more =
        started.effects().stream()
            .filter(Effect.ArmTimer.class::isInstance)
            .map(Effect.ArmTimer.class::cast)
            .findFirst()
            .orElseThrow();

    Step second =
        parent.apply(parent.execution.handle(new Command.FireTimer(more.timerId(), Runs.START)));

    assertThat(first).hasSizeLessThanOrEqualTo(StateRunner.STATES_PER_COMMAND);
    assertThat(children(second)).hasSizeLessThanOrEqualTo(StateRunner.STATES_PER_COMMAND);
    assertThat(children(second).get(0).index()).isEqualTo(first.size());
    assertThat(run(second).executions().running())
        .isEqualTo(first.size() + children(second).size());
  }

  @Test
  void shouldStartNoMoreThanMaxConcurrencyUntilUpdateMapRunRaisesIt() {
    Parent parent = new Parent(MAP.formatted("\"MaxConcurrency\": 1,"));
    Step started = parent.start("[1, 2, 3, 4]");
    assertThat(children(started)).hasSize(1);
    String runArn = run(started).mapRunArn();

    Step updated =
        parent.execution.handle(
            new Command.UpdateMapRun(
                runArn, Optional.of(3), Optional.empty(), Optional.empty(), Runs.START));

    assertThat(children(updated)).hasSize(2);
    assertThat(run(updated).maxConcurrency()).isEqualTo(3);
    assertThat(run(updated).executions().pending()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                parent.execution.handle(
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
    Parent parent = new Parent(MAP.formatted("\"ToleratedFailureCount\": 1,"));
    List<Effect.StartChildExecution> children = children(parent.start("[1, 2, 3, 4]"));

    parent.fail(children.get(0));
    Step second = parent.fail(children.get(1));

    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(parent.execution.error()).hasValue("States.ExceedToleratedFailureThreshold");
    assertThat(second.effects())
        .filteredOn(Effect.StopChildExecution.class::isInstance)
        .extracting(e -> ((Effect.StopChildExecution) e).executionArn())
        .containsExactlyInAnyOrder(children.get(2).executionArn(), children.get(3).executionArn());
    MapRun failed = run(second);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.executions().failed()).isEqualTo(2);
    assertThat(failed.executions().aborted()).isEqualTo(2);
    assertThatThrownBy(() -> parent.complete(children.get(2), "1"))
        .as("a stopped child's late end is refused")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldLowerTheToleranceThroughUpdateMapRunAndFailAtOnce() {
    Parent parent = new Parent(MAP.formatted("\"ToleratedFailurePercentage\": 50,"));
    Step started = parent.start("[1, 2, 3, 4]");
    parent.fail(children(started).get(0));
    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.RUNNING);

    Step updated =
        parent.execution.handle(
            new Command.UpdateMapRun(
                run(started).mapRunArn(),
                Optional.empty(),
                Optional.of(0L),
                Optional.empty(),
                Runs.START));

    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run(updated).toleratedFailureCount()).isZero();
    assertThat(run(updated).status()).isEqualTo("FAILED");
  }

  @Test
  void shouldStopRunningChildrenAndAbortTheRunWhenTheParentIsStopped() {
    Parent parent = new Parent(MAP.formatted(""));
    parent.start("[1, 2]");

    Step stopped =
        parent.execution.handle(
            new Command.StopExecution(Optional.empty(), Optional.empty(), Runs.START));

    assertThat(stopped.effects())
        .filteredOn(Effect.StopChildExecution.class::isInstance)
        .hasSize(2);
    assertThat(run(stopped).status()).isEqualTo("ABORTED");
    assertThat(run(stopped).executions().aborted()).isEqualTo(2);
  }

  @Test
  void shouldGoOnFromSnapshotAsTheOriginalWould() {
    Parent parent = new Parent(MAP.formatted("\"MaxConcurrency\": 2,"));
    List<Effect.StartChildExecution> first = children(parent.start("[1, 2, 3]"));

    Execution restored =
        ExecutionSnapshot.read(parent.execution.machine, ExecutionSnapshot.write(parent.execution));
    Step original = parent.complete(first.get(0), "1");
    Step again = restored.handle(complete(first.get(0), "1"));

    assertThat(again.effects()).isEqualTo(original.effects());
    parent.execution = restored;
    Effect.StartChildExecution third = children(again).get(0);
    parent.complete(third, "3");
    parent.complete(first.get(1), "2");
    assertThat(restored.output()).hasValue(Runs.json("[1, 2, 3]"));
  }

  @Test
  void shouldRedriveOnlyFailedChildrenAsNewExecutions() {
    Parent parent = new Parent(MAP.formatted(""));
    List<Effect.StartChildExecution> first = children(parent.start("[1, 2]"));
    parent.complete(first.get(0), "1");
    parent.fail(first.get(1));
    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.FAILED);

    Step redriven = parent.apply(parent.execution.handle(new Command.RedriveExecution(Runs.START)));

    List<Effect.StartChildExecution> again = children(redriven);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).index()).isEqualTo(1);
    assertThat(again.get(0).executionArn()).isNotEqualTo(first.get(1).executionArn());
    parent.complete(again.get(0), "2");
    assertThat(parent.execution.output()).hasValue(Runs.json("[1, 2]"));
  }

  @Test
  void shouldCountItemsOfBatchesAndHandTheRunsExecutionsToTheResultWriter() {
    Parent parent =
        new Parent(
            MAP.formatted(
                "\"ItemBatcher\": {\"MaxItemsPerBatch\": 2}, \"ResultWriter\": {\"Resource\":"
                    + " \"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"b\"}},"));
    Step started = parent.start("[1, 2, 3]");
    assertThat(run(started).items().total()).isEqualTo(3);
    assertThat(run(started).executions().total()).isEqualTo(2);
    List<Effect.StartChildExecution> children = children(started);

    parent.complete(children.get(0), "\"x\"");
    Step written = parent.complete(children.get(1), "\"y\"");

    Effect.ScheduleTask writer = Runs.scheduled(written);
    assertThat(writer.input().get("MapRunArn").asText()).isEqualTo(children.get(0).mapRunArn());
    assertThat(writer.input().get("Results")).isEqualTo(Runs.json("[\"x\", \"y\"]"));
    assertThat(writer.input().path("Executions").get(1).path("ExecutionArn").asText())
        .isEqualTo(children.get(1).executionArn());
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
    Step started =
        execution.handle(
            new Command.StartExecution(
                Runs.json("[5]"), ExecutionIdentity.local("m", "e"), Runs.START));

    List<String> path = children(started).get(0).processorPath();
    assertThat(path).containsExactly("P", "1", "M");
    assertThat(ChildExecutions.processor(machine, path).startAt()).isEqualTo("Inner");
    assertThatThrownBy(() -> ChildExecutions.processor(machine, List.of("P", "0", "A")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A parent execution and what a runtime keeps for its runs: inputs and ends by index. */
  private static final class Parent {
    Execution execution;
    final Map<String, List<JsonNode>> inputs = new HashMap<>();
    final Map<String, Map<Integer, ObjectNode>> ends = new HashMap<>();

    Parent(String definition) {
      execution =
          Execution.of(DefinitionParser.parse(definition).stateMachine().orElseThrow(), 7L)
              .runChildExecutions();
    }

    Step start(String input) {
      return apply(
          execution.handle(
              new Command.StartExecution(
                  Runs.json(input), ExecutionIdentity.local("m", "e"), Runs.START)));
    }

    JsonNode input(Effect.StartChildExecution child) {
      return inputs.get(child.mapRunArn()).get(child.index());
    }

    Step complete(Effect.StartChildExecution child, String output) {
      return apply(execution.handle(ChildExecutionsTest.complete(child, output)));
    }

    Step fail(Effect.StartChildExecution child) {
      return apply(
          execution.handle(new Command.FailTask(child.token(), "Boom", "it broke", Runs.START)));
    }

    /** Keeps what the step asks to keep, and answers a collection of results at once. */
    Step apply(Step step) {
      List<Effect> all = new ArrayList<>(step.effects());
      List<HistoryEvent> events = new ArrayList<>(step.events());
      for (Effect effect : step.effects()) {
        if (effect instanceof Effect.RecordMapItems items) {
          inputs.put(items.mapRunArn(), items.inputs());
        } else if (effect instanceof Effect.RecordChildEnd end) {
          ObjectNode entry = JsonNodeFactory.instance.objectNode();
          entry.put("ExecutionArn", end.executionArn());
          end.output().ifPresent(o -> entry.set("Output", o));
          ends.computeIfAbsent(end.mapRunArn(), k -> new HashMap<>()).put(end.index(), entry);
        } else if (effect instanceof Effect.CollectChildResults collect) {
          ObjectNode answer = JsonNodeFactory.instance.objectNode();
          ArrayNode results = answer.putArray("Results");
          ArrayNode executions = answer.putArray("Executions");
          for (int i = 0; i < collect.size(); i++) {
            ObjectNode end = ends.getOrDefault(collect.mapRunArn(), Map.of()).get(i);
            results.add(end == null || !end.has("Output") ? null : end.get("Output"));
            executions.add(end == null ? JsonNodeFactory.instance.objectNode() : end);
          }
          Step next =
              apply(
                  execution.handle(new Command.CompleteTask(collect.token(), answer, Runs.START)));
          all.addAll(next.effects());
          events.addAll(next.events());
        }
      }
      return new Step(events, all);
    }
  }

  private static Command complete(Effect.StartChildExecution child, String output) {
    return new Command.CompleteTask(child.token(), Runs.json(output), Runs.START);
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
