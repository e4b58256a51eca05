package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.Sfn.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;

/** ListStateMachines, UpdateStateMachine and DeleteStateMachine through the AWS SDK. */
@ExtendWith(OrchestratorExtension.class)
class StateMachinesIT {

  /** Waits a second, then says which definition it runs. */
  private static final String SAYS =
      """
      {"StartAt": "Wait", "States": {
        "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Say"},
        "Say": {"Type": "Pass", "Result": "%s", "End": true}}}
      """;

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @Test
  void shouldListEveryStateMachineInArnOrderAcrossPages() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(orchestrator.createMachine("listed-" + i, SAYS.formatted(i)));
    }

    List<StateMachineListItem> all = new ArrayList<>();
    sfn.listStateMachinesPaginator(b -> b.maxResults(2))
        .forEach(page -> all.addAll(page.stateMachines()));

    assertThat(all).extracting(StateMachineListItem::stateMachineArn).doesNotHaveDuplicates();
    assertThat(all).extracting(StateMachineListItem::stateMachineArn).containsAll(created);
    assertThat(all)
        .extracting(StateMachineListItem::stateMachineArn)
        .isSortedAccordingTo(String::compareTo);
    assertThat(all)
        .filteredOn(item -> item.stateMachineArn().equals(created.get(0)))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.typeAsString()).isEqualTo("STANDARD");
              assertThat(item.creationDate()).isNotNull();
            });
  }

  @Test
  void shouldRunNewExecutionsOnTheUpdateAndFinishRunningOnesOnTheirRevision() {
    String machine = orchestrator.createMachine("updated", SAYS.formatted("before"));
    DescribeStateMachineResponse before = sfn.describeStateMachine(b -> b.stateMachineArn(machine));
    String running = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

    UpdateStateMachineResponse updated =
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("after")));
    String next = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

    assertThat(updated.revisionId()).isNotEqualTo(before.revisionId());
    DescribeStateMachineResponse after = sfn.describeStateMachine(b -> b.stateMachineArn(machine));
    assertThat(after.definition()).contains("after");
    assertThat(after.revisionId()).isEqualTo(updated.revisionId());
    assertThat(after.creationDate()).isEqualTo(before.creationDate());
    assertThat(orchestrator.awaitClosed(running).output()).isEqualTo("\"before\"");
    assertThat(orchestrator.awaitClosed(next).output()).isEqualTo("\"after\"");
    assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(running)))
        .satisfies(
            revision -> {
              assertThat(revision.definition()).contains("before");
              assertThat(revision.revisionId()).isEqualTo(before.revisionId());
              assertThat(revision.stateMachineArn()).isEqualTo(machine);
              assertThat(revision.updateDate()).isNotNull();
            });
    assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(next)).revisionId())
        .isEqualTo(updated.revisionId());
  }

  @Test
  void shouldRefuseUpdatesAsStepFunctionsDoes() {
    String machine = orchestrator.createMachine("refused", SAYS.formatted("x"));

    assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(machine)))
        .isInstanceOf(MissingRequiredParameterException.class);
    assertThatThrownBy(
            () ->
                sfn.updateStateMachine(
                    b -> b.stateMachineArn(machine).definition("{\"StartAt\": \"Nowhere\"}")))
        .isInstanceOf(InvalidDefinitionException.class);
    assertThatThrownBy(
            () ->
                sfn.updateStateMachine(
                    b -> b.stateMachineArn(machine + "-missing").roleArn(ROLE + "-other")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.deleteStateMachine(b -> b.stateMachineArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class);
  }

  @Test
  void shouldDeleteAMachineLetItsRunningExecutionsFinishAndFreeItsName() {
    String name = LocalStack.uniqueName("deleted");
    String machine =
        sfn.createStateMachine(b -> b.name(name).definition(SAYS.formatted("old")).roleArn(ROLE))
            .stateMachineArn();
    String running = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

    sfn.deleteStateMachine(b -> b.stateMachineArn(machine));

    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(machine)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThat(sfn.listStateMachines(b -> b.maxResults(1000)).stateMachines())
        .noneMatch(item -> item.stateMachineArn().equals(machine));
    assertThat(orchestrator.awaitClosed(running).output()).isEqualTo("\"old\"");
    assertThat(
            sfn.createStateMachine(
                    b -> b.name(name).definition(SAYS.formatted("new")).roleArn(ROLE))
                .stateMachineArn())
        .isEqualTo(machine);
  }

  @Test
  void shouldValidateDefinitionsSayingWhatIsWrongAndWhere() {
    String literal =
        """
        {"StartAt": "T", "States": {"T": {"Type": "Pass", "Parameters": {"id": "$.order"},
          "End": true}}}
        """;
    String activity =
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "End": true,
          "Resource": "arn:aws:states:us-east-1:000000000000:activity:review"}}}
        """;
    String broken = "{\"StartAt\": \"Nowhere\", \"States\": {\"A\": {\"Type\": \"Pass\"}}}";

    ValidateStateMachineDefinitionResponse ok =
        sfn.validateStateMachineDefinition(b -> b.definition(literal));
    ValidateStateMachineDefinitionResponse warned =
        sfn.validateStateMachineDefinition(
            b -> b.definition(literal).severity(ValidateStateMachineDefinitionSeverity.WARNING));
    ValidateStateMachineDefinitionResponse failed =
        sfn.validateStateMachineDefinition(b -> b.definition(broken));
    ValidateStateMachineDefinitionResponse truncated =
        sfn.validateStateMachineDefinition(b -> b.definition(broken).maxResults(1));
    ValidateStateMachineDefinitionResponse express =
        sfn.validateStateMachineDefinition(
            b -> b.definition(activity).type(StateMachineType.EXPRESS));

    assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(ok.diagnostics()).isEmpty();
    assertThat(warned.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(warned.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.severity()).isEqualTo(ValidateStateMachineDefinitionSeverity.WARNING);
              assertThat(d.location()).isEqualTo("/States/T/Parameters/id");
            });
    assertThat(failed.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(failed.diagnostics())
        .hasSizeGreaterThan(1)
        .allSatisfy(
            d -> assertThat(d.severity()).isEqualTo(ValidateStateMachineDefinitionSeverity.ERROR))
        .anySatisfy(d -> assertThat(d.location()).isEqualTo("/StartAt"));
    assertThat(failed.truncated()).isFalse();
    assertThat(truncated.diagnostics()).hasSize(1);
    assertThat(truncated.truncated()).isTrue();
    assertThat(express.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(express.diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.location()).isEqualTo("/States/T/Resource"));
  }
}
