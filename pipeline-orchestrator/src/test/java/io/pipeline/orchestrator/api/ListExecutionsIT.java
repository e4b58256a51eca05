package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * ListExecutions through the AWS SDK and its paginator: newest first, filtered by state machine and
 * status, paged without loss or repetition, and refused as Step Functions refuses it.
 */
@ExtendWith(OrchestratorExtension.class)
class ListExecutionsIT {

  /** Input decides: {"then": "wait"} keeps running, "fail" fails, anything else succeeds. */
  private static final String DEFINITION =
      """
      {"StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Default": "Done", "Choices": [
          {"Variable": "$.then", "StringEquals": "wait", "Next": "Wait"},
          {"Variable": "$.then", "StringEquals": "fail", "Next": "Fail"}]},
        "Wait": {"Type": "Wait", "Seconds": 600, "Next": "Done"},
        "Fail": {"Type": "Fail", "Error": "Asked", "Cause": "the input asked to fail"},
        "Done": {"Type": "Pass", "End": true}}}
      """;

  private static SfnClient sfn;
  private static OrchestratorFixture orchestrator;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @Test
  void shouldListEveryExecutionOfAMachineNewestFirstAcrossPages() {
    String machine = orchestrator.createMachine("listed", DEFINITION);
    String other = orchestrator.createMachine("other", DEFINITION);
    List<String> succeeded = start(machine, "ok", 9);
    List<String> running = start(machine, "wait", 8);
    List<String> failed = start(machine, "fail", 5);
    start(other, "ok", 3);
    succeeded.forEach(orchestrator::awaitClosed);
    failed.forEach(orchestrator::awaitClosed);

    List<ExecutionListItem> all = new ArrayList<>();
    sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(4))
        .forEach(page -> all.addAll(page.executions()));

    assertThat(all).extracting(ExecutionListItem::executionArn).doesNotHaveDuplicates();
    assertThat(arns(all)).isEqualTo(union(succeeded, running, failed));
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).startDate()).isBeforeOrEqualTo(all.get(i - 1).startDate());
    }
    assertThat(all).allSatisfy(item -> assertThat(item.stateMachineArn()).isEqualTo(machine));
    assertThat(all)
        .filteredOn(item -> item.status() == ExecutionStatus.FAILED)
        .allSatisfy(item -> assertThat(item.stopDate()).isNotNull());
    assertThat(all)
        .filteredOn(item -> item.status() == ExecutionStatus.RUNNING)
        .allSatisfy(item -> assertThat(item.stopDate()).isNull());
  }

  @Test
  void shouldFilterByStatus() {
    String machine = orchestrator.createMachine("filtered", DEFINITION);
    List<String> succeeded = start(machine, "ok", 6);
    List<String> running = start(machine, "wait", 3);
    List<String> failed = start(machine, "fail", 2);
    succeeded.forEach(orchestrator::awaitClosed);
    failed.forEach(orchestrator::awaitClosed);

    assertThat(listed(machine, ExecutionStatus.RUNNING)).isEqualTo(Set.copyOf(running));
    assertThat(listed(machine, ExecutionStatus.FAILED)).isEqualTo(Set.copyOf(failed));
    assertThat(listed(machine, ExecutionStatus.SUCCEEDED)).isEqualTo(Set.copyOf(succeeded));
    assertThat(listed(machine, ExecutionStatus.ABORTED)).isEmpty();

    sfn.stopExecution(b -> b.executionArn(running.get(0)));
    assertThat(listed(machine, ExecutionStatus.ABORTED)).containsExactly(running.get(0));
  }

  @Test
  void shouldEndWithoutATokenWhenAPageHoldsTheRest() {
    String machine = orchestrator.createMachine("exact", DEFINITION);
    start(machine, "wait", 3);

    ListExecutionsResponse page = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(3));

    assertThat(page.executions()).hasSize(3);
    assertThat(page.nextToken()).isNull();
  }

  @Test
  void shouldRefuseWhatStepFunctionsRefuses() {
    String machine = orchestrator.createMachine("refused", DEFINITION);
    start(machine, "wait", 2);
    String token = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1)).nextToken();
    String express =
        sfn.createStateMachine(
                b ->
                    b.name(LocalStack.uniqueName("express"))
                        .definition(DEFINITION.replace("600", "1"))
                        .roleArn(Sfn.ROLE)
                        .type(StateMachineType.EXPRESS))
            .stateMachineArn();

    assertThatThrownBy(
            () ->
                sfn.listExecutions(b -> b.stateMachineArn(machine.replace(":refused", ":missing"))))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(express)))
        .isInstanceOf(StateMachineTypeNotSupportedException.class);
    assertThatThrownBy(
            () -> sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter("DONE")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("statusFilter");
    assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1001)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxResults");
    assertThatThrownBy(
            () -> sfn.listExecutions(b -> b.stateMachineArn(machine).nextToken("not-a-token")))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(
            () ->
                sfn.listExecutions(
                    b ->
                        b.stateMachineArn(machine)
                            .statusFilter(ExecutionStatus.FAILED)
                            .nextToken(token)))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("status filter");
  }

  private static List<String> start(String machine, String then, int count) {
    List<String> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      started.add(
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"then\": \"" + then + "\"}"))
              .executionArn());
    }
    return started;
  }

  private static Set<String> listed(String machine, ExecutionStatus status) {
    Set<String> arns = new java.util.HashSet<>();
    sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).statusFilter(status).maxResults(2))
        .forEach(page -> arns.addAll(arns(page.executions())));
    return arns;
  }

  private static Set<String> arns(List<ExecutionListItem> items) {
    return items.stream().map(ExecutionListItem::executionArn).collect(Collectors.toSet());
  }

  @SafeVarargs
  private static Set<String> union(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).collect(Collectors.toSet());
  }

  @Test
  void shouldPageAnExecutionsHistoryWithTheSdksPaginator() {
    String machine =
        orchestrator.createMachine(
            "history-pages",
            """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
            """);
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("[1, 2, 3, 4, 5, 6, 7, 8]"))
            .executionArn();
    orchestrator.awaitClosed(execution);

    List<Long> forward =
        sfn
            .getExecutionHistoryPaginator(b -> b.executionArn(execution).maxResults(5))
            .events()
            .stream()
            .map(software.amazon.awssdk.services.sfn.model.HistoryEvent::id)
            .toList();
    List<Long> backward =
        sfn
            .getExecutionHistoryPaginator(
                b -> b.executionArn(execution).maxResults(4).reverseOrder(true))
            .events()
            .stream()
            .map(software.amazon.awssdk.services.sfn.model.HistoryEvent::id)
            .toList();

    assertThat(forward).hasSizeGreaterThan(10);
    assertThat(forward)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, forward.size()).boxed().toList());
    List<Long> reversed = new java.util.ArrayList<>(forward);
    java.util.Collections.reverse(reversed);
    assertThat(backward).containsExactlyElementsOf(reversed);
    String beforeTheFirst =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("history\n-5".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> sfn.getExecutionHistory(b -> b.executionArn(execution).nextToken(beforeTheFirst)))
        .as("a page after an event id no event has")
        .isInstanceOf(InvalidTokenException.class);
  }
}
