package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;

/**
 * The activity actions through the AWS SDK: CreateActivity, DescribeActivity, ListActivities,
 * DeleteActivity, and GetActivityTask's long polls feeding Standard executions.
 */
class ActivitiesIT {

  /**
   * Long enough that no poll of these tests times out while it is looked at, shorter than the SDK
   * client's 30 s socket timeout.
   */
  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(Map.of("ORCHESTRATOR_ACTIVITY_POLL_TIMEOUT", "20s"));

  private static final String ACTIVITY_TASK =
      """
      {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 120, "End": true}}}
      """;

  private static final ExecutorService POLLERS = Executors.newCachedThreadPool();

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @AfterAll
  static void stopPollers() {
    POLLERS.shutdownNow();
  }

  @Test
  void shouldCreateDescribeListAndDeleteActivities() {
    List<CreateActivityResponse> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = LocalStack.uniqueName("listed-" + i);
      created.add(sfn.createActivity(b -> b.name(name)));
    }
    String first = created.get(0).activityArn();
    String firstName = first.substring(first.lastIndexOf(':') + 1);

    CreateActivityResponse again = sfn.createActivity(b -> b.name(firstName));
    DescribeActivityResponse described = sfn.describeActivity(b -> b.activityArn(first));
    List<ActivityListItem> all = new ArrayList<>();
    sfn.listActivitiesPaginator(b -> b.maxResults(2))
        .forEach(page -> all.addAll(page.activities()));

    assertThat(first).isEqualTo("arn:aws:states:us-east-1:000000000000:activity:" + firstName);
    assertThat(again.activityArn()).isEqualTo(first);
    assertThat(again.creationDate()).isEqualTo(created.get(0).creationDate());
    assertThat(described.name()).isEqualTo(firstName);
    assertThat(described.creationDate()).isEqualTo(created.get(0).creationDate());
    assertThat(all).extracting(ActivityListItem::activityArn).doesNotHaveDuplicates();
    assertThat(all)
        .extracting(ActivityListItem::activityArn)
        .containsAll(created.stream().map(CreateActivityResponse::activityArn).toList())
        .isSortedAccordingTo(String::compareTo);
    assertThat(all)
        .filteredOn(item -> item.activityArn().equals(first))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.name()).isEqualTo(firstName);
              assertThat(item.creationDate()).isEqualTo(created.get(0).creationDate());
            });

    sfn.deleteActivity(b -> b.activityArn(first));

    assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn(first)))
        .isInstanceOf(ActivityDoesNotExistException.class)
        .hasMessageContaining(first);
    assertThat(sfn.listActivities(b -> b.maxResults(1000)).activities())
        .noneMatch(item -> item.activityArn().equals(first));
    sfn.deleteActivity(b -> b.activityArn(first));
  }

  @Test
  void shouldRefuseActivityRequestsAsStepFunctionsDoes() {
    String missing = "arn:aws:states:us-east-1:000000000000:activity:" + "never-created";

    assertThatThrownBy(() -> sfn.createActivity(b -> b.name("not a name")))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("not a name");
    assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn(missing)))
        .isInstanceOf(ActivityDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("not-an-arn");
    assertThatThrownBy(() -> sfn.getActivityTask(b -> b.activityArn(missing)))
        .isInstanceOf(ActivityDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.getActivityTask(b -> b.activityArn("arn:aws:states:x")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> sfn.deleteActivity(b -> b.activityArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> sfn.listActivities(b -> b.nextToken("bm90IGEgdG9rZW4")))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void shouldRunAnExecutionWhoseTaskAWorkerTakesWithGetActivityTask() throws Exception {
    String activity = sfn.createActivity(b -> b.name(LocalStack.uniqueName("api"))).activityArn();
    String machine = orchestrator.createMachine("polled", ACTIVITY_TASK.formatted(activity));
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 21}")).executionArn();

    GetActivityTaskResponse task =
        sfn.getActivityTask(b -> b.activityArn(activity).workerName("worker-1"));
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"doubled\": 42}"));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(task.input()).isEqualTo("{\"n\":21}");
    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(closed.output()).isEqualTo("{\"doubled\":42}");
    assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
        .filteredOn(e -> e.type() == HistoryEventType.ACTIVITY_STARTED)
        .singleElement()
        .extracting(HistoryEvent::activityStartedEventDetails)
        .satisfies(details -> assertThat(details.workerName()).isEqualTo("worker-1"));
  }

  @Test
  void shouldKeepAnsweringWhileMorePollsWaitThanTheApiHasThreads() {
    String activity = sfn.createActivity(b -> b.name(LocalStack.uniqueName("many"))).activityArn();
    String name = activity.substring(activity.lastIndexOf(':') + 1);
    String machine = orchestrator.createMachine("many", ACTIVITY_TASK.formatted(activity));
    int polls = 40;
    List<CompletableFuture<GetActivityTaskResponse>> waiting = new ArrayList<>();
    for (int i = 0; i < polls; i++) {
      waiting.add(poll(activity));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> waiting(name).orElse(0) == polls);

    DescribeActivityResponse described = sfn.describeActivity(b -> b.activityArn(activity));

    assertThat(described.activityArn()).isEqualTo(activity);
    assertThat(waiting(name)).contains(polls);
    assertThat(waiting).noneMatch(CompletableFuture::isDone);

    List<String> executions = new ArrayList<>();
    for (int i = 0; i < polls; i++) {
      int n = i;
      executions.add(
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": " + n + "}"))
              .executionArn());
    }
    List<GetActivityTaskResponse> tasks = waiting.stream().map(CompletableFuture::join).toList();
    tasks.forEach(t -> sfn.sendTaskSuccess(b -> b.taskToken(t.taskToken()).output(t.input())));

    assertThat(tasks).extracting(GetActivityTaskResponse::taskToken).doesNotContainNull();
    assertThat(tasks).extracting(GetActivityTaskResponse::input).doesNotHaveDuplicates();
    assertThat(executions)
        .allSatisfy(
            execution ->
                assertThat(orchestrator.awaitClosed(execution).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED));
  }

  @Test
  void shouldGiveATaskToOneOfTwoWaitingPolls() {
    String activity = sfn.createActivity(b -> b.name(LocalStack.uniqueName("one"))).activityArn();
    String name = activity.substring(activity.lastIndexOf(':') + 1);
    String machine = orchestrator.createMachine("one", ACTIVITY_TASK.formatted(activity));
    List<CompletableFuture<GetActivityTaskResponse>> two = List.of(poll(activity), poll(activity));
    await().atMost(Duration.ofSeconds(20)).until(() -> waiting(name).orElse(0) == 2);

    String first =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"i\":1}")).executionArn();
    CompletableFuture.anyOf(two.toArray(CompletableFuture[]::new)).join();
    await().atMost(Duration.ofSeconds(20)).until(() -> waiting(name).orElse(0) == 1);

    assertThat(two).filteredOn(CompletableFuture::isDone).hasSize(1);
    String second =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"i\":2}")).executionArn();
    List<GetActivityTaskResponse> tasks = two.stream().map(CompletableFuture::join).toList();
    tasks.forEach(t -> sfn.sendTaskSuccess(b -> b.taskToken(t.taskToken()).output(t.input())));

    assertThat(tasks)
        .extracting(GetActivityTaskResponse::input)
        .containsExactlyInAnyOrder("{\"i\":1}", "{\"i\":2}");
    assertThat(orchestrator.awaitClosed(first).output()).isEqualTo("{\"i\":1}");
    assertThat(orchestrator.awaitClosed(second).output()).isEqualTo("{\"i\":2}");
  }

  private static CompletableFuture<GetActivityTaskResponse> poll(String activity) {
    return CompletableFuture.supplyAsync(
        () -> sfn.getActivityTask(b -> b.activityArn(activity).workerName("poller")), POLLERS);
  }

  /** How many polls of the activity wait on the orchestrator. */
  private static Optional<Integer> waiting(String name) {
    return ActivityPollMeter.waiting(orchestrator.apiUri(), name);
  }
}
