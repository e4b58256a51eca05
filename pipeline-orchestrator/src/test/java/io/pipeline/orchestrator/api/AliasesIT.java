package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.Sfn.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineAliasesResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * CreateStateMachineAlias, DescribeStateMachineAlias, ListStateMachineAliases,
 * UpdateStateMachineAlias, DeleteStateMachineAlias, and executions started through aliases, by
 * weight, through the AWS SDK against a real broker.
 */
@ExtendWith(OrchestratorExtension.class)
class AliasesIT {

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

  /** A state machine with two versions: 1 says "one", 2 says "two". */
  private record Versioned(String machine, String one, String two) {}

  private static Versioned versioned(String prefix) {
    String name = LocalStack.uniqueName(prefix);
    String machine =
        sfn.createStateMachine(
                b -> b.name(name).definition(SAYS.formatted("one")).roleArn(ROLE).publish(true))
            .stateMachineArn();
    String two =
        sfn.updateStateMachine(
                b -> b.stateMachineArn(machine).definition(SAYS.formatted("two")).publish(true))
            .stateMachineVersionArn();
    return new Versioned(machine, machine + ":1", two);
  }

  private static RoutingConfigurationListItem route(String version, int weight) {
    return RoutingConfigurationListItem.builder()
        .stateMachineVersionArn(version)
        .weight(weight)
        .build();
  }

  private static String createAlias(String name, RoutingConfigurationListItem... routes) {
    return sfn.createStateMachineAlias(b -> b.name(name).routingConfiguration(routes))
        .stateMachineAliasArn();
  }

  /** Starts an execution and waits for what it said. */
  private static DescribeExecutionResponse run(String arn) {
    return orchestrator.awaitClosed(sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn());
  }

  @Test
  void shouldCreateAnAliasOnceAndDescribeIt() {
    Versioned m = versioned("described-alias");

    CreateStateMachineAliasResponse created =
        sfn.createStateMachineAlias(
            b ->
                b.name("prod")
                    .description("live traffic")
                    .routingConfiguration(route(m.one(), 100)));
    CreateStateMachineAliasResponse again =
        sfn.createStateMachineAlias(
            b ->
                b.name("prod")
                    .description("live traffic")
                    .routingConfiguration(route(m.one(), 100)));
    DescribeStateMachineAliasResponse described =
        sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(created.stateMachineAliasArn()));

    assertThat(created.stateMachineAliasArn()).isEqualTo(m.machine() + ":prod");
    assertThat(again.stateMachineAliasArn()).isEqualTo(created.stateMachineAliasArn());
    assertThat(again.creationDate()).isEqualTo(created.creationDate());
    assertThat(described.name()).isEqualTo("prod");
    assertThat(described.description()).isEqualTo("live traffic");
    assertThat(described.routingConfiguration()).containsExactly(route(m.one(), 100));
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
    assertThat(described.updateDate()).isEqualTo(created.creationDate());
    assertThatThrownBy(
            () ->
                sfn.createStateMachineAlias(
                    b -> b.name("prod").routingConfiguration(route(m.two(), 100))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(m.machine() + ":prod");
  }

  @Test
  void shouldListAliasesNewestFirstAcrossPagesAndThoseOfAVersion() {
    Versioned m = versioned("listed-alias");
    String first = createAlias("first", route(m.one(), 100));
    String second = createAlias("second", route(m.two(), 100));
    String third = createAlias("third", route(m.one(), 50), route(m.two(), 50));

    List<StateMachineAliasListItem> all = new ArrayList<>();
    int pages = 0;
    String token = null;
    do {
      String next = token;
      ListStateMachineAliasesResponse page =
          sfn.listStateMachineAliases(
              b -> b.stateMachineArn(m.machine()).maxResults(1).nextToken(next));
      all.addAll(page.stateMachineAliases());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(all)
        .extracting(StateMachineAliasListItem::stateMachineAliasArn)
        .containsExactlyInAnyOrder(first, second, third);
    assertThat(all)
        .extracting(StateMachineAliasListItem::creationDate)
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(m.two())).stateMachineAliases())
        .extracting(StateMachineAliasListItem::stateMachineAliasArn)
        .containsExactlyInAnyOrder(second, third);
  }

  @Test
  void shouldStartTheVersionTheWeightsChooseAndSayWhichInTheExecution() {
    Versioned m = versioned("weighted");
    String alias = createAlias("canary", route(m.one(), 100), route(m.two(), 0));

    List<DescribeExecutionResponse> before = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      before.add(run(alias));
    }
    sfn.updateStateMachineAlias(
        b ->
            b.stateMachineAliasArn(alias)
                .routingConfiguration(route(m.one(), 0), route(m.two(), 100)));
    List<DescribeExecutionResponse> after = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      after.add(run(alias));
    }

    assertThat(before).extracting(DescribeExecutionResponse::output).containsOnly("\"one\"");
    assertThat(before)
        .allSatisfy(
            e -> {
              assertThat(e.stateMachineAliasArn()).isEqualTo(alias);
              assertThat(e.stateMachineVersionArn()).isEqualTo(m.one());
              assertThat(e.stateMachineArn()).isEqualTo(m.machine());
            });
    assertThat(after).extracting(DescribeExecutionResponse::output).containsOnly("\"two\"");
    assertThat(after)
        .extracting(DescribeExecutionResponse::stateMachineVersionArn)
        .containsOnly(m.two());
    assertThat(
            sfn.describeStateMachineForExecution(b -> b.executionArn(after.get(0).executionArn()))
                .definition())
        .contains("two");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(alias)).executions())
        .hasSize(10)
        .allSatisfy(item -> assertThat(item.stateMachineAliasArn()).isEqualTo(alias));
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(m.two())).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactlyInAnyOrderElementsOf(
            after.stream().map(DescribeExecutionResponse::executionArn).toList());
  }

  @Test
  void shouldSplitStartsBetweenTwoVersionsWeightedHalfAndHalf() {
    Versioned m = versioned("halves");
    String alias = createAlias("halves", route(m.one(), 50), route(m.two(), 50));

    Set<String> outputs = new HashSet<>();
    Set<String> versions = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      DescribeExecutionResponse done = run(alias);
      outputs.add(done.output());
      versions.add(done.stateMachineVersionArn());
    }

    // Each version's chance of getting none of 40 starts is 2^-40.
    assertThat(outputs).containsExactlyInAnyOrder("\"one\"", "\"two\"");
    assertThat(versions).containsExactlyInAnyOrder(m.one(), m.two());
  }

  @Test
  void shouldRunAnExpressAliasSynchronously() {
    String name = LocalStack.uniqueName("express-alias");
    String machine =
        sfn.createStateMachine(
                b ->
                    b.name(name)
                        .definition(SAYS.formatted("one"))
                        .roleArn(ROLE)
                        .type(StateMachineType.EXPRESS)
                        .publish(true))
            .stateMachineArn();
    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(SAYS.formatted("two")));
    String alias = createAlias("live", route(machine + ":1", 100));

    assertThat(sfn.startSyncExecution(b -> b.stateMachineArn(alias)).output()).isEqualTo("\"one\"");
    assertThat(sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn())
        .startsWith(machine.replace(":stateMachine:", ":express:") + ":");
  }

  @Test
  void shouldKeepAVersionWhileAnAliasRoutesToIt() {
    Versioned m = versioned("kept");
    String alias = createAlias("pinned", route(m.one(), 100));

    assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m.one())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(alias);
    sfn.updateStateMachineAlias(
        b -> b.stateMachineAliasArn(alias).routingConfiguration(route(m.two(), 100)));
    sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m.one()));
    sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
    sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m.two()));

    assertThat(
            sfn.listStateMachineVersions(b -> b.stateMachineArn(m.machine()))
                .stateMachineVersions())
        .isEmpty();
    assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(alias)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void shouldDeleteVersionsAndAliasesWithTheStateMachine() {
    Versioned m = versioned("deleted-with");
    String alias = createAlias("prod", route(m.one(), 100));
    String name = sfn.describeStateMachine(b -> b.stateMachineArn(m.machine())).name();

    sfn.deleteStateMachine(b -> b.stateMachineArn(m.machine()));

    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(m.one())))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(m.two())))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    sfn.createStateMachine(b -> b.name(name).definition(SAYS.formatted("again")).roleArn(ROLE));
    assertThat(
            sfn.listStateMachineVersions(b -> b.stateMachineArn(m.machine()))
                .stateMachineVersions())
        .isEmpty();
    assertThat(
            sfn.listStateMachineAliases(b -> b.stateMachineArn(m.machine())).stateMachineAliases())
        .isEmpty();
    assertThat(
            sfn.publishStateMachineVersion(b -> b.stateMachineArn(m.machine()))
                .stateMachineVersionArn())
        .isEqualTo(m.one());
  }

  @Test
  void shouldRefuseBadRoutingAsStepFunctionsDoes() {
    Versioned m = versioned("bad-routing");
    Versioned other = versioned("other-machine");

    assertThatThrownBy(() -> createAlias("halves", route(m.one(), 50), route(m.two(), 40)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("add up to 90");
    assertThatThrownBy(() -> createAlias("over", route(m.one(), 101)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("routingConfiguration.1.member.weight");
    assertThatThrownBy(
            () ->
                createAlias(
                    "three", route(m.one(), 30), route(m.two(), 30), route(m.machine() + ":3", 40)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("routingConfiguration");
    assertThatThrownBy(() -> createAlias("mixed", route(m.one(), 50), route(other.two(), 50)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("different state machines");
    assertThatThrownBy(() -> createAlias("twice", route(m.one(), 50), route(m.one(), 50)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> createAlias("ghost", route(m.machine() + ":7", 100)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(m.machine() + ":7");
    assertThatThrownBy(() -> createAlias("unversioned", route(m.machine(), 100)))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("stateMachineVersionArn");
    assertThatThrownBy(() -> createAlias("123", route(m.one(), 100)))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("not only digits");
    assertThatThrownBy(() -> createAlias("has space", route(m.one(), 100)))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("empty")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("routingConfiguration");
  }

  @Test
  void shouldAnswerStepFunctionsErrorsForUnknownOrMalformedAliases() {
    Versioned m = versioned("unknown-alias");
    String alias = createAlias("live", route(m.one(), 100));
    String missing = m.machine() + ":nowhere";

    assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(missing)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(missing);
    assertThatThrownBy(() -> sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(missing)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(missing).description("x")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(m.machine())))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(m.one())))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                sfn.updateStateMachineAlias(
                    b ->
                        b.stateMachineAliasArn(alias)
                            .routingConfiguration(route(versioned("elsewhere").one(), 100))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(m.machine());
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(alias)))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(
            () -> sfn.listStateMachineAliases(b -> b.stateMachineArn(m.machine() + ":9")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(missing)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(missing)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThat(
            sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).description("changed"))
                .updateDate())
        .isNotNull();
    assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)).description())
        .isEqualTo("changed");
  }
}
