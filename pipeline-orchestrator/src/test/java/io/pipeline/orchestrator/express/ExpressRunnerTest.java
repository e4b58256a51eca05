package io.pipeline.orchestrator.express;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Express executions in memory, on the wall clock. */
class ExpressRunnerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExpressRunner runner = new ExpressRunner(scheduler, Clock.systemUTC());

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private static StateMachine machine(String definition) {
    return DefinitionParser.parse(definition).stateMachine().orElseThrow();
  }

  private static ExecutionIdentity identity(String name) {
    return ExecutionIdentity.localExpress("m", name, "00000000-0000-0000-0000-000000000000", true);
  }

  @Test
  void shouldRunAJsonataMachineToItsOutput() throws Exception {
    StateMachine machine =
        machine(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Sum", "States": {
              "Sum": {"Type": "Pass", "Output": "{% {'total': $sum($states.input.items)} %}",
                "End": true}}}
            """);
    List<HistoryEvent> events = new CopyOnWriteArrayList<>();

    ExpressRunner.Result result =
        runner
            .run(machine, identity("sum"), JSON.readTree("{\"items\": [1, 2, 3]}"), events::addAll)
            .get(10, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).contains(JSON.readTree("{\"total\": 6}"));
    assertThat(result.transitions()).isEqualTo(1);
    assertThat(events.get(0).type()).isEqualTo("ExecutionStarted");
    assertThat(events.get(events.size() - 1).type()).isEqualTo("ExecutionSucceeded");
  }

  @Test
  void shouldLetGoOfAnEndedExecutionWhenItsTimeoutTimerIsCancelled() throws Exception {
    // given a scheduler that removes cancelled tasks, as the Express service's does
    ScheduledThreadPoolExecutor removing = new ScheduledThreadPoolExecutor(1);
    removing.setRemoveOnCancelPolicy(true);
    ExpressRunner express = new ExpressRunner(removing, Clock.systemUTC());
    StateMachine machine =
        machine(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}
            """);

    try {
      // when an execution, which arms its five-minute timeout, ends at once
      ExpressRunner.Result result =
          express
              .run(machine, identity("quick"), JSON.readTree("{}"), e -> {})
              .get(10, TimeUnit.SECONDS);

      // then nothing of it waits in the scheduler
      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(removing.getQueue()).isEmpty();
    } finally {
      removing.shutdownNow();
    }
  }

  @Test
  void shouldWaitOnTheWallClock() throws Exception {
    StateMachine machine =
        machine(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}
            """);

    ExpressRunner.Result result =
        runner
            .run(machine, identity("wait"), JSON.readTree("{}"), e -> {})
            .get(10, TimeUnit.SECONDS);

    assertThat(Duration.between(result.startDate(), result.stopDate()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void shouldTimeOutWhenTheExecutionOutlivesItsTimeout() throws Exception {
    StateMachine machine =
        machine(
            """
            {"StartAt": "W", "TimeoutSeconds": 1, "States": {
              "W": {"Type": "Wait", "Seconds": 30, "End": true}}}
            """);

    ExpressRunner.Result result =
        runner
            .run(machine, identity("slow"), JSON.readTree("{}"), e -> {})
            .get(10, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(result.error()).contains("States.Timeout");
  }

  @Test
  void shouldCutTheTimeoutToFiveMinutesWhenNoneOrALongerOneIsSet() {
    StateMachine none =
        machine("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
    StateMachine longer =
        machine(
            "{\"StartAt\": \"P\", \"TimeoutSeconds\": 3600, \"States\": {\"P\": {\"Type\":"
                + " \"Pass\", \"End\": true}}}");
    StateMachine shorter =
        machine(
            "{\"StartAt\": \"P\", \"TimeoutSeconds\": 60, \"States\": {\"P\": {\"Type\":"
                + " \"Pass\", \"End\": true}}}");

    assertThat(ExpressRunner.limited(none).timeoutSeconds()).contains(300);
    assertThat(ExpressRunner.limited(longer).timeoutSeconds()).contains(300);
    assertThat(ExpressRunner.limited(shorter).timeoutSeconds()).contains(60);
  }

  @Test
  void shouldFailATaskItCannotCallSoCatchApplies() throws Exception {
    StateMachine machine =
        machine(
            """
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Fallback"}],
                "End": true},
              "Fallback": {"Type": "Pass", "Result": "fallback", "End": true}}}
            """);

    ExpressRunner.Result result =
        runner
            .run(machine, identity("task"), JSON.readTree("{}"), e -> {})
            .get(10, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).contains(JSON.readTree("\"fallback\""));
  }
}
