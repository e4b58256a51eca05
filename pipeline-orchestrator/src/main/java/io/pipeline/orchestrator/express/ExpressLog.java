package io.pipeline.orchestrator.express;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.orchestrator.history.EventDetails;
import io.pipeline.orchestrator.machines.StateMachineRegistry.LogLevel;
import java.util.Optional;
import java.util.Set;

/**
 * Express execution events as Step Functions writes them to CloudWatch Logs: {@code id}, {@code
 * type}, {@code details}, {@code previous_event_id}, {@code event_timestamp} (epoch milliseconds,
 * as text), {@code execution_arn}, {@code redrive_count}. Which events a level keeps: ALL every
 * one; ERROR the failures of executions and states; FATAL only executions that failed, timed out or
 * were aborted; OFF none.
 */
final class ExpressLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> FATAL =
      Set.of("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");

  private ExpressLog() {}

  /** The log entry of an event at this level, or empty when the level leaves it out. */
  static Optional<String> entry(
      HistoryEvent event, String executionArn, LogLevel level, boolean includeData) {
    if (!logged(event.type(), level)) {
      return Optional.empty();
    }
    ObjectNode entry = JSON.createObjectNode();
    entry.put("id", Long.toString(event.id()));
    entry.put("type", event.type());
    entry.set(
        "details",
        event.details().isObject()
            ? EventDetails.shape(event.details(), includeData)
            : JSON.createObjectNode());
    entry.put("previous_event_id", Long.toString(event.previousEventId()));
    entry.put("event_timestamp", Long.toString(event.timestamp().toEpochMilli()));
    entry.put("execution_arn", executionArn);
    entry.put("redrive_count", "0");
    return Optional.of(entry.toString());
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
