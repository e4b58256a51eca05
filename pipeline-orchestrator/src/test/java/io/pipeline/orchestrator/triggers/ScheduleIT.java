package io.pipeline.orchestrator.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** A cron schedule starts its state machine on time. */
class ScheduleIT {

  private static final String MACHINE = "every-minute";
  private static final String MACHINE_ARN =
      "arn:aws:states:us-east-1:000000000000:stateMachine:" + MACHINE;

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of(
              "ORCHESTRATOR_SCHEDULES",
              "[{\"name\": \"minutely\", \"expression\": \"cron(* * * * ? *)\","
                  + " \"stateMachineArn\": \""
                  + MACHINE_ARN
                  + "\"}]"));

  @Test
  void shouldStartTheStateMachineWhenTheCronExpressionFires(OrchestratorFixture orchestrator) {
    orchestrator
        .sfn()
        .createStateMachine(
            b ->
                b.name(MACHINE)
                    .roleArn(Sfn.ROLE)
                    .definition(
                        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\":"
                            + " true}}}"));
    Instant fireTime = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    String execution =
        MACHINE_ARN.replace(":stateMachine:", ":execution:")
            + ":minutely-"
            + fireTime.getEpochSecond();

    DescribeExecutionResponse started =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptionsInstanceOf(ExecutionDoesNotExistException.class)
            .until(
                () -> orchestrator.sfn().describeExecution(b -> b.executionArn(execution)),
                described -> described.status() == ExecutionStatus.SUCCEEDED);

    // Started for that minute's occurrence, not before it and before the next one; how late on a
    // busy machine is for the benchmark, not for a test (a CI run beside other builds saw 9 s).
    assertThat(Duration.between(fireTime, started.startDate()))
        .isBetween(Duration.ZERO, Duration.ofSeconds(59));
    assertThat(started.input()).contains("\"detail-type\":\"Scheduled Event\"");
  }
}
