package io.pipeline.orchestrator.express;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.orchestrator.history.EventDetails;
import io.pipeline.orchestrator.machines.StateMachineRegistry.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Express execution events as Step Functions writes them to CloudWatch Logs: {@code id}, {@code
 * type}, {@code details}, {@code previous_event_id}, {@code event_timestamp} (epoch milliseconds,
 * as text), {@code execution_arn}, {@code redrive_count}. The entries of one step of an execution
 * (the events from one start, timer or task result to the next wait) make one record, a JSON array
 * in UTF-8, in order; or several records, when they pass {@link #MAX_RECORD_BYTES}. Which events a
 * level keeps: ALL every one; ERROR the failures of executions and states; FATAL only executions
 * that failed, timed out or were aborted; OFF none.
 */
final class ExpressLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> FATAL =
      Set.of("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");

  private ExpressLog() {}

  /**
   * The most bytes a record of several entries holds: below the broker's default record size of 1
   * MiB, with room for the key and the record's framing.
   */
  static final int MAX_RECORD_BYTES = 768 * 1024;

  /**
   * The log records of a step's events at this level: the entries it keeps, in order, in as few
   * arrays as fit in {@link #MAX_RECORD_BYTES} each (an entry larger than that is an array of its
   * own); none when the level keeps none of them.
   */
  static List<byte[]> records(
      List<HistoryEvent> events, String executionArn, LogLevel level, boolean includeData) {
    List<byte[]> records = new ArrayList<>(1);
    ByteArrayOutputStream record = new ByteArrayOutputStream(512 * events.size());
    ByteArrayOutputStream entry = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(entry)) {
      json.setRootValueSeparator(null);
      for (HistoryEvent event : events) {
        if (!logged(event.type(), level)) {
          continue;
        }
        write(json, event, executionArn, includeData);
        json.flush();
        if (record.size() > 0 && record.size() + entry.size() + 2 > MAX_RECORD_BYTES) {
          records.add(close(record));
        }
        record.write(record.size() == 0 ? '[' : ',');
        entry.writeTo(record);
        entry.reset();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write an Express log record", e);
    }
    if (record.size() > 0) {
      records.add(close(record));
    }
    return records;
  }

  private static byte[] close(ByteArrayOutputStream record) {
    record.write(']');
    byte[] bytes = record.toByteArray();
    record.reset();
    return bytes;
  }

  private static void write(
      JsonGenerator json, HistoryEvent event, String executionArn, boolean includeData)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", Long.toString(event.id()));
    json.writeStringField("type", event.type());
    json.writeFieldName("details");
    if (event.details().isObject()) {
      EventDetails.write(event.details(), includeData, json);
    } else {
      json.writeStartObject();
      json.writeEndObject();
    }
    json.writeStringField("previous_event_id", Long.toString(event.previousEventId()));
    json.writeStringField("event_timestamp", Long.toString(event.timestamp().toEpochMilli()));
    json.writeStringField("execution_arn", executionArn);
    json.writeStringField("redrive_count", "0");
    json.writeEndObject();
  }

  static boolean logged(String type, LogLevel level) {
    return switch (level) {
      case ALL -> true;
      case ERROR -> FATAL.contains(type) || type.endsWith("Failed") || type.endsWith("TimedOut");
      case FATAL -> FATAL.contains(type);
      case OFF -> false;
    };
  }
}
