package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Task idempotency keys: the same call gets the same key when an execution runs again from its
 * start, whatever order its tasks finish in; every other call (a retry, a second visit, another
 * branch or item) gets another.
 */
class IdempotencyKeyTest {

  private static final String RETRIED_LOOP =
      """
      {"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "r", "ResultPath": "$.last",
          "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 2, "IntervalSeconds": 1}],
          "Next": "Again"},
        "Again": {"Type": "Choice", "Default": "Done", "Choices": [
          {"Variable": "$.last", "StringEquals": "first", "Next": "Call"}]},
        "Done": {"Type": "Succeed"}}}
      """;

  private static final String FAN_OUT =
      """
      {"StartAt": "Both", "States": {
        "Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "r", "End": true}}},
          {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
            "End": true, "ItemProcessor": {"StartAt": "CallEach", "States": {
              "CallEach": {"Type": "Task", "Resource": "r", "End": true}}}}}}]}}}
      """;

  @Test
  void shouldGiveARetryAndASecondVisitKeysOfTheirOwn() {
    Runs.Started run = Runs.start(RETRIED_LOOP, "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask first = Runs.scheduled(run.started());

    Step failed = execution.handle(new Command.FailTask(first.token(), "Busy", "", Runs.START));
    Effect.ArmTimer backoff = (Effect.ArmTimer) failed.effects().get(0);
    Effect.ScheduleTask retry =
        Runs.scheduled(execution.handle(new Command.FireTimer(backoff.timerId(), backoff.dueAt())));
    Effect.ScheduleTask secondVisit =
        Runs.scheduled(
            execution.handle(
                new Command.CompleteTask(retry.token(), Runs.json("\"first\""), Runs.START)));

    assertThat(first.idempotencyKey())
        .isEqualTo("arn:aws:states:us-east-1:000000000000:execution:m:e/Call@1#1");
    assertThat(retry.idempotencyKey()).endsWith("/Call@1#2");
    assertThat(secondVisit.idempotencyKey()).endsWith("/Call@3#1");
  }

  @Test
  void shouldGiveEachBranchAndItemItsKeyWhateverOrderTheyFinishIn() {
    String input = "{\"items\": [10, 11, 12]}";
    Map<String, String> inOrder = keysByInput(input, false);
    Map<String, String> reversed = keysByInput(input, true);

    assertThat(inOrder).hasSize(4).isEqualTo(reversed);
    assertThat(inOrder.values())
        .doesNotHaveDuplicates()
        .allSatisfy(
            key ->
                assertThat(key)
                    .startsWith(ExecutionIdentity.local("m", "e").executionArn() + "/Both@1["));
    assertThat(inOrder.get("11")).endsWith("/Both@1[1]/Each@1[1]/CallEach@1#1");
  }

  /**
   * Runs the fan-out, completing tasks first-scheduled-first or last-first, and gives each task's
   * key by its input.
   */
  private static Map<String, String> keysByInput(String input, boolean lastFirst) {
    Runs.Started run = Runs.start(FAN_OUT, input);
    Map<String, String> keys = new HashMap<>();
    List<Effect.ScheduleTask> pending = new ArrayList<>(scheduled(run.started()));
    while (!pending.isEmpty()) {
      if (lastFirst) {
        Collections.reverse(pending);
      }
      Effect.ScheduleTask task = pending.remove(0);
      keys.put(
          task.input().has("items") ? "branch" : task.input().toString(), task.idempotencyKey());
      pending.addAll(
          scheduled(
              run.execution()
                  .handle(new Command.CompleteTask(task.token(), Runs.json("1"), Runs.START))));
    }
    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return keys;
  }

  private static List<Effect.ScheduleTask> scheduled(Step step) {
    return step.effects().stream()
        .filter(Effect.ScheduleTask.class::isInstance)
        .map(Effect.ScheduleTask.class::cast)
        .toList();
  }
}
