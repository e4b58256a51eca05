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
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsResponse;
import software.amazon.awssdk.services.sfn.model.PublishStateMachineVersionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion, DescribeState-
 * Machine of a version, {@code publish} on create and update, and executions of versions, through
 * the AWS SDK against a real broker.
 */
@ExtendWith(OrchestratorExtension.class)
class VersionsIT {

  /** Says which definition it runs. */
  private static final String SAYS =
      """
      {"StartAt": "Say", "States": {"Say": {"Type": "Pass", "Result": "%s", "End": true}}}
      """;

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @Test
  void shouldPublishNumberedVersionsAndAnswerTheLatestWhenTheRevisionIsTheSame() {
    String machine = orchestrator.createMachine("published", SAYS.formatted("one"));

    PublishStateMachineVersionResponse first =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine));
    PublishStateMachineVersionResponse again =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).description("ignored"));
    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("two")));
    PublishStateMachineVersionResponse second =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).description("second"));

    assertThat(first.stateMachineVersionArn()).isEqualTo(machine + ":1");
    assertThat(first.creationDate()).isNotNull();
    assertThat(again.stateMachineVersionArn()).isEqualTo(first.stateMachineVersionArn());
    assertThat(again.creationDate()).isEqualTo(first.creationDate());
    assertThat(second.stateMachineVersionArn()).isEqualTo(machine + ":2");
    assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions())
        .extracting(StateMachineVersionListItem::stateMachineVersionArn)
        .containsExactly(machine + ":2", machine + ":1");
  }

  @Test
  void shouldRefuseToPublishWhenTheRevisionIdIsNotTheCurrentOne() {
    String machine = orchestrator.createMachine("stale", SAYS.formatted("one"));
    String initial = sfn.describeStateMachine(b -> b.stateMachineArn(machine)).revisionId();
    String updated =
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("two")))
            .revisionId();

    assertThatThrownBy(
            () ->
                sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).revisionId(initial)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(initial)
        .satisfies(e -> assertThat(((ConflictException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                sfn.publishStateMachineVersion(
                    b -> b.stateMachineArn(machine).revisionId("INITIAL")))
        .isInstanceOf(ConflictException.class);
    assertThat(
            sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).revisionId(updated))
                .stateMachineVersionArn())
        .isEqualTo(machine + ":1");
    assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions())
        .hasSize(1);
  }

  @Test
  void shouldPublishOnCreateAndUpdateWhenAskedTo() {
    String name = LocalStack.uniqueName("publish-on-write");
    CreateStateMachineResponse created =
        sfn.createStateMachine(
            b ->
                b.name(name)
                    .definition(SAYS.formatted("one"))
                    .roleArn(ROLE)
                    .publish(true)
                    .versionDescription("first"));
    String machine = created.stateMachineArn();
    UpdateStateMachineResponse updated =
        sfn.updateStateMachine(
            b -> b.stateMachineArn(machine).definition(SAYS.formatted("two")).publish(true));
    UpdateStateMachineResponse unpublished =
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("three")));

    assertThat(created.stateMachineVersionArn()).isEqualTo(machine + ":1");
    assertThat(updated.stateMachineVersionArn()).isEqualTo(machine + ":2");
    assertThat(updated.revisionId()).isNotBlank();
    assertThat(unpublished.stateMachineVersionArn()).isNull();
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine + ":1")).description())
        .isEqualTo("first");
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine + ":2")).revisionId())
        .isEqualTo(updated.revisionId());
    assertThatThrownBy(
            () ->
                sfn.updateStateMachine(
                    b ->
                        b.stateMachineArn(machine)
                            .definition(SAYS.formatted("four"))
                            .versionDescription("without publish")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("versionDescription");
  }

  @Test
  void shouldListVersionsNewestFirstAcrossPages() {
    String machine = orchestrator.createMachine("paged", SAYS.formatted("0"));
    for (int i = 1; i <= 5; i++) {
      String text = Integer.toString(i);
      sfn.updateStateMachine(
          b -> b.stateMachineArn(machine).definition(SAYS.formatted(text)).publish(true));
    }

    List<StateMachineVersionListItem> all = new ArrayList<>();
    int pages = 0;
    String token = null;
    do {
      String next = token;
      ListStateMachineVersionsResponse page =
          sfn.listStateMachineVersions(
              b -> b.stateMachineArn(machine).maxResults(2).nextToken(next));
      all.addAll(page.stateMachineVersions());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(all)
        .extracting(StateMachineVersionListItem::stateMachineVersionArn)
        .containsExactly(
            machine + ":5", machine + ":4", machine + ":3", machine + ":2", machine + ":1");
    assertThat(all).allSatisfy(item -> assertThat(item.creationDate()).isNotNull());
    String other = orchestrator.createMachine("other", SAYS.formatted("x"));
    String firstToken =
        sfn.listStateMachineVersions(b -> b.stateMachineArn(machine).maxResults(1)).nextToken();
    assertThatThrownBy(
            () -> sfn.listStateMachineVersions(b -> b.stateMachineArn(other).nextToken(firstToken)))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void shouldDescribeAVersionWithTheRevisionItWasPublishedFrom() {
    String machine = orchestrator.createMachine("described", SAYS.formatted("one"));
    DescribeStateMachineResponse before = sfn.describeStateMachine(b -> b.stateMachineArn(machine));
    String version =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).description("the first"))
            .stateMachineVersionArn();
    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("two")));

    DescribeStateMachineResponse described =
        sfn.describeStateMachine(b -> b.stateMachineArn(version));

    assertThat(described.stateMachineArn()).isEqualTo(version);
    assertThat(described.name()).isEqualTo(before.name());
    assertThat(described.definition()).contains("one");
    assertThat(described.revisionId()).isEqualTo(before.revisionId());
    assertThat(described.description()).isEqualTo("the first");
    assertThat(described.status()).isEqualTo(StateMachineStatus.ACTIVE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.creationDate()).isAfterOrEqualTo(before.creationDate());
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).definition())
        .contains("two");
  }

  @Test
  void shouldNeverNumberTwoVersionsAlikeAlsoAfterADelete() {
    String machine = orchestrator.createMachine("renumbered", SAYS.formatted("one"));
    sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine));
    sfn.updateStateMachine(
        b -> b.stateMachineArn(machine).definition(SAYS.formatted("two")).publish(true));

    sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":2"));
    sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":2"));
    String third =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();

    assertThat(third).isEqualTo(machine + ":3");
    assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions())
        .extracting(StateMachineVersionListItem::stateMachineVersionArn)
        .containsExactly(machine + ":3", machine + ":1");
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(machine + ":2")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine + ":2")))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageContaining(machine + ":2");
  }

  @Test
  void shouldRunAVersionsDefinitionAfterTheStateMachineChanged() {
    String machine = orchestrator.createMachine("pinned", SAYS.formatted("old"));
    String version =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("new")));

    String ofVersion =
        sfn.startExecution(b -> b.stateMachineArn(version).name("of-version")).executionArn();
    String ofMachine =
        sfn.startExecution(b -> b.stateMachineArn(machine).name("of-machine")).executionArn();

    assertThat(ofVersion)
        .isEqualTo(machine.replace(":stateMachine:", ":execution:") + ":of-version");
    DescribeExecutionResponse described = orchestrator.awaitClosed(ofVersion);
    assertThat(described.output()).isEqualTo("\"old\"");
    assertThat(described.stateMachineArn()).isEqualTo(machine);
    assertThat(described.stateMachineVersionArn()).isEqualTo(version);
    assertThat(described.stateMachineAliasArn()).isNull();
    assertThat(orchestrator.awaitClosed(ofMachine).output()).isEqualTo("\"new\"");
    assertThat(orchestrator.awaitClosed(ofMachine).stateMachineVersionArn()).isNull();
    assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(ofVersion)).definition())
        .contains("old");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(version)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactly(ofVersion);
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(version)).executions().get(0))
        .satisfies(item -> assertThat(item.stateMachineVersionArn()).isEqualTo(version));
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactlyInAnyOrder(ofVersion, ofMachine);
  }

  @Test
  void shouldRunAnExpressVersionSynchronously() {
    String name = LocalStack.uniqueName("express-version");
    String machine =
        sfn.createStateMachine(
                b ->
                    b.name(name)
                        .definition(SAYS.formatted("old"))
                        .roleArn(ROLE)
                        .type(StateMachineType.EXPRESS)
                        .publish(true))
            .stateMachineArn();
    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("new")));

    StartSyncExecutionResponse ofVersion =
        sfn.startSyncExecution(b -> b.stateMachineArn(machine + ":1"));

    assertThat(ofVersion.output()).isEqualTo("\"old\"");
    assertThat(ofVersion.stateMachineArn()).isEqualTo(machine);
    assertThat(sfn.startSyncExecution(b -> b.stateMachineArn(machine)).output())
        .isEqualTo("\"new\"");
  }

  @Test
  void shouldAnswerStepFunctionsErrorsForBadVersionRequests() {
    String machine = orchestrator.createMachine("refused-versions", SAYS.formatted("x"));
    sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine));

    assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("'stateMachineArn'");
    assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine + ":1")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(
            () -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine + "-missing")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(
            () ->
                sfn.publishStateMachineVersion(
                    b -> b.stateMachineArn(machine).description("d".repeat(257))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("description");
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(machine + ":9")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(
            () -> sfn.listStateMachineVersions(b -> b.stateMachineArn(machine + "-missing")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(
            () -> sfn.listStateMachineVersions(b -> b.stateMachineArn(machine).maxResults(1001)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine)))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(
            () -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":prod")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(
            () -> sfn.updateStateMachine(b -> b.stateMachineArn(machine + ":1").roleArn(ROLE)))
        .isInstanceOf(InvalidArnException.class);
  }
}
