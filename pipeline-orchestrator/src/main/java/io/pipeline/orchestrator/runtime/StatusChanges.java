package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipeline.orchestrator.history.EventBridgeEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import java.io.IOException;
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
    return EventBridgeEvent.write(
        executionArn + "/" + status,
        "Step Functions Execution Status Change",
        "aws.states",
        executionArn,
        stopDate == null ? startDate : stopDate,
        executionArn,
        detail -> {
          detail.writeStringField("executionArn", executionArn);
          detail.writeStringField("stateMachineArn", stateMachineArn);
          detail.writeStringField("name", name);
          detail.writeStringField("status", status);
          detail.writeNumberField("startDate", startDate.toEpochMilli());
          if (stopDate == null) {
            detail.writeNullField("stopDate");
          } else {
            detail.writeNumberField("stopDate", stopDate.toEpochMilli());
          }
          detail.writeStringField("input", input);
          detail.writeStringField("output", output);
          included(detail, "inputDetails", true);
          included(detail, "outputDetails", output != null);
          detail.writeStringField("error", error);
          detail.writeStringField("cause", cause);
        });
  }

  /** {@code {"included": true}} for data the event carries, else null. */
  private static void included(JsonGenerator detail, String field, boolean carried)
      throws IOException {
    if (carried) {
      detail.writeObjectFieldStart(field);
      detail.writeBooleanField("included", true);
      detail.writeEndObject();
    } else {
      detail.writeNullField(field);
    }
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
