package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/**
 * GetActivityTask's poll timeout, and what happens to an activity's tasks on this instance once no
 * poll comes: the orchestrator leaves the activity's worker group, and the tasks it read and did
 * not hand out go to the other workers.
 */
class ActivityPollTimeoutIT {

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of(
              "ORCHESTRATOR_ACTIVITY_POLL_TIMEOUT", "1s",
              "ORCHESTRATOR_ACTIVITY_IDLE_TIMEOUT", "2s"));

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    orchestrator = running;
    sfn = running.sfn();
  }

  @Test
  void shouldAnswerWithoutATaskWhenNoneComesBeforeThePollTimeout() {
    String activity = sfn.createActivity(b -> b.name(LocalStack.uniqueName("idle"))).activityArn();

    GetActivityTaskResponse answer = sfn.getActivityTask(b -> b.activityArn(activity));

    assertThat(answer.taskToken()).isNull();
    assertThat(answer.input()).isNull();
  }

  @Test
  void shouldLeaveTheTasksItDidNotHandOutToOtherWorkersOnceNoPollComes() {
    String name = LocalStack.uniqueName("shared");
    String activity = sfn.createActivity(b -> b.name(name)).activityArn();
    String machine =
        orchestrator.createMachine(
            "shared",
            """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "%s", "End": true}}}
            """
                .formatted(activity));
    List<String> executions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      executions.add(
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": " + n + "}"))
              .executionArn());
    }
    GetActivityTaskResponse polled =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> sfn.getActivityTask(b -> b.activityArn(activity)),
                t -> t.taskToken() != null);
    sfn.sendTaskSuccess(b -> b.taskToken(polled.taskToken()).output("{\"by\": \"api\"}"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ActivityPollMeter.waiting(orchestrator.apiUri(), name).isEmpty());

    try (ActivityWorker worker =
        ActivityWorker.builder(orchestrator.kafka(), name).start(task -> task.input().deepCopy())) {
      assertThat(executions)
          .allSatisfy(
              execution ->
                  assertThat(orchestrator.awaitClosed(execution).status())
                      .isEqualTo(ExecutionStatus.SUCCEEDED));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> worker.stats().succeeded() == executions.size() - 1);
    }
  }
}
