package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.history.EventBridgeEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Execution status changes as EventBridge's "Step Functions Execution Status Change" events: the
 * envelope ({@code version}, {@code id}, {@code detail-type}, {@code source}, {@code account},
 * {@code time}, {@code region}, {@code resources}) and the {@code detail} with the execution's ARN,
 * machine, name, status, dates in epoch milliseconds, input and output. The event id is derived
 * from the execution and its status, so a repeated event (an Express execution run again) has the
 * same id.
 */
public final class StatusChanges {

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
    ObjectNode event =
        EventBridgeEvent.envelope(
            executionArn + "/" + status,
            "Step Functions Execution Status Change",
            "aws.states",
            executionArn,
            stopDate == null ? startDate : stopDate,
            executionArn);
    ObjectNode detail = (ObjectNode) event.get("detail");
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

  /** Forwards a Standard execution's status change to the status topic, in its transaction. */
  static void forward(
      ProcessorContext<String, Object> context, ExecutionRecord record, Instant now) {
    String event =
        event(
            record.getExecutionArn(),
            record.getStateMachineArn(),
            record.getName(),
            record.getStatus(),
            record.getStartDate(),
            record.getStopDate(),
            record.getInput(),
            record.getOutput(),
            record.getError(),
            record.getCause());
    context.forward(
        new Record<>(record.getExecutionArn(), event, now.toEpochMilli()),
        RuntimeTopology.STATUS_SINK);
  }
}
