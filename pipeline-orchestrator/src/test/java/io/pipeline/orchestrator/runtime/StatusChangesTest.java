package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Status change events, to the byte: their consumers match on this text. */
class StatusChangesTest {

  private static final String EXECUTION = "arn:aws:states:us-east-1:000000000000:execution:m:e";
  private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
  private static final Instant STARTED = Instant.parse("2026-11-26T10:00:00.123Z");
  private static final Instant STOPPED = Instant.parse("2026-11-26T10:00:05.987Z");

  private static String envelope(String id, String time) {
    return "{\"version\":\"0\",\"id\":\""
        + id
        + "\",\"detail-type\":\"Step Functions Execution Status Change\",\"source\":\"aws.states\","
        + "\"account\":\"000000000000\",\"time\":\""
        + time
        + "\",\"region\":\"us-east-1\",\"resources\":[\""
        + EXECUTION
        + "\"],\"detail\":{\"executionArn\":\""
        + EXECUTION
        + "\",\"stateMachineArn\":\""
        + MACHINE
        + "\",\"name\":\"e\",";
  }

  @Test
  void shouldWriteARunningExecutionWithItsInputEscapedAndNoStopDate() {
    String event =
        StatusChanges.event(
            EXECUTION,
            MACHINE,
            "e",
            "RUNNING",
            STARTED,
            null,
            "{\"a\":\"é\\\"x\"}",
            null,
            null,
            null);

    assertThat(event)
        .isEqualTo(
            envelope("03f6d60d-1c01-352d-bf19-cde1c29d919a", "2026-11-26T10:00:00Z")
                + "\"status\":\"RUNNING\",\"startDate\":1795687200123,\"stopDate\":null,"
                + "\"input\":\"{\\\"a\\\":\\\"é\\\\\\\"x\\\"}\",\"output\":null,"
                + "\"inputDetails\":{\"included\":true},\"outputDetails\":null,"
                + "\"error\":null,\"cause\":null}}");
  }

  @Test
  void shouldWriteAFailureWithItsErrorAndCause() {
    String event =
        StatusChanges.event(
            EXECUTION,
            MACHINE,
            "e",
            "FAILED",
            STARTED,
            STOPPED,
            "{}",
            null,
            "States.TaskFailed",
            "bad \"thing\"\n");

    assertThat(event)
        .isEqualTo(
            envelope("0b1634be-8a93-331e-9412-4c755ff952db", "2026-11-26T10:00:05Z")
                + "\"status\":\"FAILED\",\"startDate\":1795687200123,\"stopDate\":1795687205987,"
                + "\"input\":\"{}\",\"output\":null,\"inputDetails\":{\"included\":true},"
                + "\"outputDetails\":null,\"error\":\"States.TaskFailed\","
                + "\"cause\":\"bad \\\"thing\\\"\\n\"}}");
  }

  @Test
  void shouldWriteASuccessWithItsOutput() {
    String event =
        StatusChanges.event(
            EXECUTION, MACHINE, "e", "SUCCEEDED", STARTED, STOPPED, "{}", "[1,2]", null, null);

    assertThat(event)
        .isEqualTo(
            envelope("cf4a050b-cd2c-3814-a86f-29d852b1b632", "2026-11-26T10:00:05Z")
                + "\"status\":\"SUCCEEDED\",\"startDate\":1795687200123,"
                + "\"stopDate\":1795687205987,\"input\":\"{}\",\"output\":\"[1,2]\","
                + "\"inputDetails\":{\"included\":true},\"outputDetails\":{\"included\":true},"
                + "\"error\":null,\"cause\":null}}");
  }
}
