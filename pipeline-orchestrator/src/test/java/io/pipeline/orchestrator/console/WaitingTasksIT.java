package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.orchestrator.api.ApiRequestSigner;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/**
 * The console's listing of tasks waiting for a callback, on a real broker: what it lists, that its
 * token answers the task, what it leaves out, and that the Step Functions API does not answer it.
 */
class WaitingTasksIT {

  private static final String PASSWORD = "tester-password";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of("ORCHESTRATOR_CONSOLE_USERS", "tester:" + PASSWORD));

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;
  private static WaitingTaskConsole console;
  private static String topic;

  @BeforeAll
  static void start(OrchestratorFixture fixture) {
    orchestrator = fixture;
    sfn = fixture.sfn();
    console = WaitingTaskConsole.signIn(fixture.apiUri(), "tester", PASSWORD);
    topic = WaitingTaskConsole.createTopic(fixture.kafka().bootstrapServers(), "approvals");
  }

  @Test
  void shouldListTheTaskWithItsStateParametersLimitsAndTheTokenItsRequestCarries() {
    // given
    String machine = approvalMachine("listed");
    Instant before = Instant.now().minusSeconds(1);

    // when
    String execution = start(machine, "one", "o-1");
    JsonNode task = awaitOneTask(machine);

    // then
    assertThat(task.get("executionArn").asText()).isEqualTo(execution);
    assertThat(task.get("executionName").asText()).isEqualTo("one");
    assertThat(task.get("stateName").asText()).isEqualTo("Approve");
    assertThat(task.get("resource").asText())
        .isEqualTo("arn:aws:states:::kafka:produce.waitForTaskToken");
    assertThat(task.at("/parameters/Topic").asText()).isEqualTo(topic);
    assertThat(task.at("/parameters/Value/id").asText()).isEqualTo("o-1");
    assertThat(task.at("/parameters/Value/taskToken").asText())
        .as("the token as the request carried it")
        .isEqualTo(task.get("taskToken").asText())
        .doesNotContain(execution);
    double since = task.get("waitingSince").asDouble();
    assertThat(since)
        .isBetween(before.getEpochSecond() * 1.0, Instant.now().getEpochSecond() + 1.0);
    assertThat(task.get("timeoutSeconds").asLong()).isEqualTo(3600);
    assertThat(task.get("timeoutDate").asDouble()).isEqualTo(since + 3600);
    assertThat(task.get("heartbeatSeconds").asLong()).isEqualTo(600);
  }

  @Test
  void shouldSucceedWithTheOutputAndListTheTaskNoMoreWhenItsTokenIsSentWithSendTaskSuccess() {
    // given
    String machine = approvalMachine("approved");
    String execution = start(machine, "approved", "o-2");
    String token = awaitOneTask(machine).get("taskToken").asText();

    // when
    sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\": true}"));

    // then
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);
    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(closed.output()).isEqualTo("{\"approved\":true}");
    assertThat(console.of(machine)).isEmpty();
  }

  @Test
  void shouldListNoMoreTheTasksThatFailedOrWhoseExecutionStopped() {
    // given
    String machine = approvalMachine("ended");
    String failed = start(machine, "failed", "o-3");
    String stopped = start(machine, "stopped", "o-4");
    String waiting = start(machine, "waiting", "o-5");
    List<JsonNode> listed = awaitTasks(machine, 3);
    String failedToken = tokenOf(listed, failed);

    // when
    sfn.sendTaskFailure(b -> b.taskToken(failedToken).error("Rejected").cause("not now"));
    sfn.stopExecution(b -> b.executionArn(stopped));

    // then
    assertThat(orchestrator.awaitClosed(failed).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(orchestrator.awaitClosed(stopped).status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(console.of(machine))
        .extracting(task -> task.get("executionArn").asText())
        .containsExactly(waiting);
  }

  @Test
  void shouldNotListActivityTasksWhenAWorkerHasThem() {
    // given: an activity task a worker took and has not answered
    String activity = sfn.createActivity(b -> b.name("waiting-tasks-work")).activityArn();
    String machine =
        orchestrator.createMachine(
            "activity",
            """
            {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s",
              "End": true}}}
            """
                .formatted(activity));
    String execution = start(machine, "worked", "o-6");
    GetActivityTaskResponse taken =
        await()
            .atMost(PATIENCE)
            .until(
                () -> sfn.getActivityTask(b -> b.activityArn(activity).workerName("w")),
                response -> response.taskToken() != null);

    // when
    List<JsonNode> listed = console.all(100);

    // then
    assertThat(taken.input()).contains("o-6");
    assertThat(listed)
        .extracting(task -> task.get("executionArn").asText())
        .doesNotContain(execution);
    sfn.sendTaskSuccess(b -> b.taskToken(taken.taskToken()).output("{}"));
  }

  @Test
  void shouldPageThroughTheTasksLongestWaitingFirstWhenThereAreMoreThanAPage() throws Exception {
    // given
    String machine = approvalMachine("paged");
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      started.add(start(machine, "paged-" + i, "p-" + i));
      Thread.sleep(5);
    }
    awaitTasks(machine, 5);

    // when
    List<JsonNode> paged = console.all(2);

    // then
    List<JsonNode> mine =
        paged.stream()
            .filter(task -> task.get("stateMachineArn").asText().equals(machine))
            .toList();
    assertThat(mine).extracting(task -> task.get("executionArn").asText()).isEqualTo(started);
    for (int i = 1; i < paged.size(); i++) {
      assertThat(paged.get(i).get("waitingSince").asDouble())
          .isGreaterThanOrEqualTo(paged.get(i - 1).get("waitingSince").asDouble());
    }
    Set<String> tokens =
        paged.stream().map(task -> task.get("taskToken").asText()).collect(Collectors.toSet());
    assertThat(tokens).hasSize(paged.size());
  }

  @Test
  void shouldRefuseTheListingOnTheStepFunctionsApiWhichHasNoSuchAction() throws IOException {
    // given
    ApiRequestSigner signer =
        new ApiRequestSigner(
            ApiCredentials.LOCAL_ACCESS_KEY_ID,
            ApiCredentials.LOCAL_SECRET_ACCESS_KEY,
            "us-east-1",
            Clock.systemUTC());

    // when
    HttpResponse<byte[]> answer =
        new ConsoleHttp(orchestrator.apiUri())
            .send(
                signer.request(
                    orchestrator.apiUri(),
                    "ListWaitingTasks",
                    "{}".getBytes(StandardCharsets.UTF_8)));

    // then
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("__type").asText())
        .isEqualTo("UnknownOperationException");
  }

  @Test
  void shouldAnswerInvalidTokenWhenTheNextTokenIsNotAListingsOwn() {
    // when
    WaitingTaskConsole.Answer answer = console.page(10, "bm90LWEtdG9rZW4");

    // then
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("__type").asText()).isEqualTo("InvalidToken");
  }

  private static String approvalMachine(String prefix) {
    return orchestrator.createMachine(prefix, WaitingTaskConsole.approvalDefinition(topic));
  }

  private static String start(String machine, String name, String id) {
    return sfn.startExecution(
            b -> b.stateMachineArn(machine).name(name).input("{\"id\": \"" + id + "\"}"))
        .executionArn();
  }

  private static JsonNode awaitOneTask(String machine) {
    return awaitTasks(machine, 1).get(0);
  }

  private static List<JsonNode> awaitTasks(String machine, int count) {
    return await()
        .atMost(PATIENCE)
        .until(() -> console.of(machine), tasks -> tasks.size() == count);
  }

  private static String tokenOf(List<JsonNode> tasks, String execution) {
    return tasks.stream()
        .filter(task -> task.get("executionArn").asText().equals(execution))
        .findFirst()
        .orElseThrow()
        .get("taskToken")
        .asText();
  }
}
