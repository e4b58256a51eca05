package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRunTest {

  @Test
  void shouldStopRunningAtATaskAndSayWhichEffectItCannotCarryOut() {
    // given
    String definition =
        """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Next": "Work"},
          "Work": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:000000000000:activity:w",
                   "End": true}}}
        """;

    // when
    LocalRun.Result result = Runs.run(definition, "{\"a\": 1}");

    // then
    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(result.outside()).containsInstanceOf(Effect.ScheduleTask.class);
    assertThat(((Effect.ScheduleTask) result.outside().orElseThrow()).resource())
        .endsWith("activity:w");
    assertThat(result.history()).extracting(HistoryEvent::type).contains("ActivityScheduled");
  }

  @Test
  void shouldEndAWaitUntilATimeAlreadyPastAtOnceWithItsEventsInOrder() {
    // given a Wait until a day before the run starts
    String definition =
        """
        {"StartAt": "Late", "States": {
          "Late": {"Type": "Wait", "Timestamp": "2025-12-31T00:00:00Z", "Next": "Done"},
          "Done": {"Type": "Pass", "End": true}}}
        """;

    // when
    LocalRun.Result result = Runs.run(definition, "{}");

    // then every event is at the start or later, in order
    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.outside()).isEmpty();
    List<HistoryEvent> history = result.history();
    assertThat(history).allSatisfy(e -> assertThat(e.timestamp()).isAfterOrEqualTo(Runs.START));
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).timestamp()).isAfterOrEqualTo(history.get(i - 1).timestamp());
    }
  }

  @Test
  void shouldRunAWaitOfAYearOnTheVirtualClock() {
    // given
    String definition =
        """
        {"StartAt": "Year", "States": {
          "Year": {"Type": "Wait", "Seconds": 31536000, "Next": "Done"},
          "Done": {"Type": "Pass", "End": true}}}
        """;

    // when
    LocalRun.Result result = Runs.run(definition, "{}");

    // then
    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.history().get(result.history().size() - 1).timestamp())
        .isEqualTo(Runs.START.plusSeconds(31_536_000));
  }
}
