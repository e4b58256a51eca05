package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Standard executions on the real embedded broker, driven through the official AWS SDK: the
 * runtime, its stores and the API together.
 */
@ExtendWith(OrchestratorExtension.class)
class StandardExecutionIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  private static List<HistoryEvent> history(String executionArn) {
    return sfn.getExecutionHistory(b -> b.executionArn(executionArn).maxResults(1000)).events();
  }

  @Test
  void shouldRunChoiceWaitParallelMapRetryAndCatchToTheEnd() throws Exception {
    String arn =
        orchestrator.createMachine(
            "flow",
            """
            {"StartAt": "Route", "States": {
              "Route": {"Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Pause"}],
                "Default": "Fail"},
              "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Both"},
              "Both": {"Type": "Parallel", "ResultPath": "$.both", "Next": "Each",
                "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}
                ]},
              "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.doubled",
                "ItemProcessor": {"StartAt": "Double", "States": {
                  "Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $)"},
                    "OutputPath": "$.v", "End": true}}},
                "Next": "Flaky"},
              "Flaky": {"Type": "Parallel", "ResultPath": null, "Next": "Done",
                "Branches": [{"StartAt": "Boom", "States": {
                  "Boom": {"Type": "Fail", "Error": "Custom.Boom", "Cause": "always"}}}],
                "Retry": [{"ErrorEquals": ["Custom.Boom"], "IntervalSeconds": 1,
                  "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught",
                  "Next": "Done"}]},
              "Done": {"Type": "Pass", "End": true},
              "Fail": {"Type": "Fail", "Error": "TooSmall"}
            }}
            """);

    StartExecutionResponse started =
        sfn.startExecution(
            b -> b.stateMachineArn(arn).name("first").input("{\"n\": 2, \"items\": [1, 2, 3]}"));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(started.executionArn());

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output.get("both")).isEqualTo(JSON.readTree("[\"a\", \"b\"]"));
    assertThat(output.get("doubled")).isEqualTo(JSON.readTree("[2, 4, 6]"));
    assertThat(output.at("/caught/Error").asText()).isEqualTo("Custom.Boom");
    assertThat(closed.stopDate()).isAfterOrEqualTo(closed.startDate().plusSeconds(2));
    List<HistoryEvent> events = history(started.executionArn());
    assertThat(events.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
    assertThat(events.get(0).executionStartedEventDetails().input())
        .isEqualTo("{\"n\":2,\"items\":[1,2,3]}");
    assertThat(events.get(0).executionStartedEventDetails().roleArn()).isEqualTo(Sfn.ROLE);
    assertThat(events.get(events.size() - 1).type())
        .isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).id()).isEqualTo(i + 1L);
    }
    assertThat(events)
        .filteredOn(e -> e.type() == HistoryEventType.PARALLEL_STATE_STARTED)
        .hasSize(3); // Both, then Flaky's first attempt and its one retry
    assertThat(events)
        .filteredOn(e -> e.type() == HistoryEventType.MAP_ITERATION_SUCCEEDED)
        .hasSize(3);
  }

  @Test
  void shouldFailAnExecutionAsItsDefinitionSays() {
    String arn =
        orchestrator.createMachine(
            "fails",
            """
            {"StartAt": "Fail", "States": {
              "Fail": {"Type": "Fail", "Error": "Custom.Error", "Cause": "by design"}}}
            """);

    String execution = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(closed.error()).isEqualTo("Custom.Error");
    assertThat(closed.cause()).isEqualTo("by design");
    assertThat(closed.output()).isNull();
  }

  @Test
  void shouldStartOnceForTheSameNameAndInputAndRefuseAnotherInput() {
    String arn = orchestrator.createMachine("names", waitDefinition(3600));

    StartExecutionResponse first =
        sfn.startExecution(b -> b.stateMachineArn(arn).name("once").input("{\"a\": 1}"));
    StartExecutionResponse again =
        sfn.startExecution(b -> b.stateMachineArn(arn).name("once").input("{ \"a\" : 1 }"));

    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(again.startDate()).isEqualTo(first.startDate());
    assertThatThrownBy(
            () -> sfn.startExecution(b -> b.stateMachineArn(arn).name("once").input("{\"a\": 2}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageContaining(first.executionArn());

    sfn.stopExecution(b -> b.executionArn(first.executionArn()));
    orchestrator.awaitClosed(first.executionArn());
    assertThatThrownBy(
            () -> sfn.startExecution(b -> b.stateMachineArn(arn).name("once").input("{\"a\": 1}")))
        .as("a closed execution's name stays taken")
        .isInstanceOf(ExecutionAlreadyExistsException.class);
  }

  @Test
  void shouldStopARunningExecutionWithItsErrorAndCause() {
    String arn = orchestrator.createMachine("stops", waitDefinition(3600));
    String execution = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();

    sfn.stopExecution(b -> b.executionArn(execution).error("Operator").cause("not needed"));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(closed.error()).isEqualTo("Operator");
    assertThat(closed.cause()).isEqualTo("not needed");
    HistoryEvent last = history(execution).get(history(execution).size() - 1);
    assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    assertThat(last.executionAbortedEventDetails().error()).isEqualTo("Operator");
    // Stopping it again changes nothing and is no error.
    sfn.stopExecution(b -> b.executionArn(execution));
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void shouldPageTheHistoryForwardAndReverse() {
    String arn =
        orchestrator.createMachine(
            "pages",
            """
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "P",
                "States": {"P": {"Type": "Pass", "End": true}}}}}}
            """);
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(arn).input("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"))
            .executionArn();
    orchestrator.awaitClosed(execution);
    List<HistoryEvent> all = history(execution);

    List<Long> forward = pageIds(execution, false);
    List<Long> reverse = pageIds(execution, true);

    assertThat(all.size()).isGreaterThan(40);
    assertThat(forward).isEqualTo(all.stream().map(HistoryEvent::id).toList());
    assertThat(reverse)
        .isEqualTo(
            all.stream().map(HistoryEvent::id).sorted((a, b) -> Long.compare(b, a)).toList());
  }

  private static List<Long> pageIds(String execution, boolean reverse) {
    List<Long> ids = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      GetExecutionHistoryResponse page =
          sfn.getExecutionHistory(
              b -> b.executionArn(execution).maxResults(7).reverseOrder(reverse).nextToken(next));
      assertThat(page.events()).hasSizeLessThanOrEqualTo(7);
      page.events().forEach(e -> ids.add(e.id()));
      token = page.nextToken();
    } while (token != null);
    return ids;
  }

  @Test
  void shouldAnswerBadRequestsWithTheSdksExceptions() {
    String arn = orchestrator.createMachine("bad", waitDefinition(1));

    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    b -> b.stateMachineArn(arn.replace(":stateMachine:", ":stateMachine:x"))))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("{oops")))
        .isInstanceOf(InvalidExecutionInputException.class);
    assertThatThrownBy(
            () ->
                sfn.describeExecution(
                    b -> b.executionArn(arn.replace(":stateMachine:", ":execution:") + ":none")))
        .isInstanceOf(ExecutionDoesNotExistException.class);
  }

  @Test
  void shouldRunADistributedMapOfTenThousandChildExecutionsThroughBoundedCommands()
      throws Exception {
    String arn =
        orchestrator.createMachine(
            "big-map",
            """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
              "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Square", "States": {"Square": {"Type": "Pass",
                  "Parameters": {"v.$": "States.MathAdd($, 1)"}, "OutputPath": "$.v",
                  "End": true}}}}}}
            """);
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 10_000; i++) {
      items.append(i == 0 ? "" : ",").append(i);
    }
    String input = items.append("]").toString();

    String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
    DescribeExecutionResponse closed =
        Sfn.awaitClosed(
            sfn,
            execution,
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)));

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output).hasSize(10_000);
    assertThat(output.get(9_999).asInt()).isEqualTo(10_000);
    // Each item ran as a child execution of the run.
    String run =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns(),
                runs -> !runs.isEmpty())
            .get(0)
            .mapRunArn();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> sfn.describeMapRun(b -> b.mapRunArn(run)).executionCounts().succeeded(),
            succeeded -> succeeded == 10_000);
  }

  @Test
  void shouldFailALongLoopAtTheHistoryQuotaAsAwsDoes() {
    String arn =
        orchestrator.createMachine(
            "loop",
            """
            {"StartAt": "Count", "States": {
              "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"},
                "Next": "More"},
              "More": {"Type": "Choice", "Default": "Done", "Choices": [
                {"Variable": "$.n", "NumericLessThan": 100000, "Next": "Count"}]},
              "Done": {"Type": "Succeed"}}}
            """);

    String execution =
        sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"n\": 0}")).executionArn();
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(closed.error()).isEqualTo("States.Runtime");
    assertThat(closed.cause()).contains("25000");
    GetExecutionHistoryResponse last =
        sfn.getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true).maxResults(1));
    assertThat(last.events().get(0).id()).isEqualTo(25_000L);
    assertThat(last.events().get(0).type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
  }

  private static String waitDefinition(int seconds) {
    return "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": "
        + seconds
        + ", \"End\": true}}}";
  }
}
