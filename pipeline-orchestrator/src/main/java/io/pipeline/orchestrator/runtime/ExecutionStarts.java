package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.ChildExecutions;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.client.Verdict;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import java.time.Instant;
import java.util.HashMap;

/** What a StartExecution command makes: the new execution's record and identity. */
final class ExecutionStarts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExecutionStarts() {}

  /**
   * A start of an execution that exists: the same start delivered again (running, same input) is
   * answered as the first was; any other is refused, as AWS refuses a name in use.
   */
  static Verdict again(String arn, ExecutionRecord existing, StartExecution start) {
    boolean running = ExecutionStatus.RUNNING.name().equals(existing.getStatus());
    if (running && sameJson(existing.getInput(), start.getInput())) {
      return Verdict.applied(existing.getStartDate());
    }
    return Verdict.rejected(
        "ExecutionAlreadyExists",
        "Execution Already Exists: '"
            + arn
            + "'"
            + (running
                ? " (running with another input)"
                : " (closed " + existing.getStatus() + ")"));
  }

  /**
   * The names its context object shows. A Map Run's child runs a state machine named after its
   * parent's and the Map's label, {@code <machine>/<label>}, as AWS names it.
   */
  static ExecutionIdentity identity(String arn, StartExecution start, StateMachineRecord machine) {
    if (start.getMapRunArn() != null) {
      return ChildExecutions.childIdentity(arn, start.getMapRunArn(), machine.getRoleArn());
    }
    return new ExecutionIdentity(
        arn, start.getName(), machine.getArn(), machine.getName(), machine.getRoleArn(), false);
  }

  /** The record of a new execution, running from {@code now}. */
  static ExecutionRecord record(
      String arn, StartExecution start, StateMachineRecord machine, Instant now) {
    return ExecutionRecord.newBuilder()
        .setExecutionArn(arn)
        .setStateMachineArn(machine.getArn())
        .setRevisionId(machine.getRevisionId())
        .setName(start.getName())
        .setStatus(ExecutionStatus.RUNNING.name())
        .setInput(start.getInput())
        .setTraceHeader(start.getTraceHeader())
        .setStartDate(now)
        .setStateMachineVersionArn(start.getStateMachineVersionArn())
        .setStateMachineAliasArn(start.getStateMachineAliasArn())
        .setParentExecutionArn(start.getParentExecutionArn())
        .setParentTaskToken(start.getParentTaskToken())
        .setParentPattern(start.getParentPattern())
        .setMapRunArn(start.getMapRunArn())
        .setProcessorPath(start.getProcessorPath())
        .setHistoryEvents(0)
        .setOpenTasks(new HashMap<>())
        .build();
  }

  private static boolean sameJson(String a, String b) {
    try {
      return JSON.readTree(a).equals(JSON.readTree(b));
    } catch (JsonProcessingException e) {
      return a.equals(b);
    }
  }
}
