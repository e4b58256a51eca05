package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Execution status changes as EventBridge's "Step Functions Execution Status Change" events: the
 * envelope ({@code version}, {@code id}, {@code detail-type}, {@code source}, {@code account},
 * {@code time}, {@code region}, {@code resources}) and the {@code detail} with the execution's ARN,
 * machine, name, status, dates in epoch milliseconds, input and output. The event id is derived
 * from the execution and its status, so a repeated event (an Express execution run again) has the
 * same id.
 */
public final class StatusChanges {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusChanges() {}

  /**
   * One status change.
   *
   * @param executionArn the execution
   * @param stateMachineArn its state machine
   * @param name its name
   * @param status RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
   * @param startDate when it started
   * @param stopDate when it closed; null while running
   * @param input its input, JSON text
   * @param output its output, JSON text, when it succeeded; else null
   * @param error and {@code cause}: why it failed; else null
   * @return the event, JSON text
   */
  public static String event(
      String executionArn,
      String stateMachineArn,
      String name,
      String status,
      Instant startDate,
      Instant stopDate,
      String input,
      String output,
      String error,
      String cause) {
    String[] arn = executionArn.split(":");
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put(
        "id",
        UUID.nameUUIDFromBytes((executionArn + "/" + status).getBytes(StandardCharsets.UTF_8))
            .toString());
    event.put("detail-type", "Step Functions Execution Status Change");
    event.put("source", "aws.states");
    event.put("account", arn.length > 4 ? arn[4] : "");
    event.put(
        "time",
        (stopDate == null ? startDate : stopDate).truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", arn.length > 3 ? arn[3] : "");
    event.putArray("resources").add(executionArn);
    ObjectNode detail = event.putObject("detail");
    detail.put("executionArn", executionArn);
    detail.put("stateMachineArn", stateMachineArn);
    detail.put("name", name);
    detail.put("status", status);
    detail.put("startDate", startDate.toEpochMilli());
    if (stopDate == null) {
      detail.putNull("stopDate");
    } else {
      detail.put("stopDate", stopDate.toEpochMilli());
    }
    detail.put("input", input);
    detail.put("output", output);
    detail.putObject("inputDetails").put("included", true);
    if (output == null) {
      detail.putNull("outputDetails");
    } else {
      detail.putObject("outputDetails").put("included", true);
    }
    detail.put("error", error);
    detail.put("cause", cause);
    return event.toString();
  }
}
