package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.interpreter.ChildExecutions;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.client.Verdict;
import io.pipeline.orchestrator.machines.ExecutionTarget;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.TaskFailed;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Executions started by a Task ({@value #RESOURCE}, {@code .sync}, {@code .sync:2}, {@code
 * .waitForTaskToken}): the parent's runtime writes the child's start command in the transaction of
 * the transition that decided it; the child's runtime answers the parent as commands, in its own
 * transactions: with the start (or why it was refused) when the parent waits for no more, with the
 * result when the child closes for {@code .sync}, never for {@code .waitForTaskToken} (the child
 * calls back itself with the token the parent passed it).
 */
final class NestedExecutions {

  /** The resource of a Task that starts an execution. */
  static final String RESOURCE = "arn:aws:states:::states:startExecution";

  /** The field AWS adds to a child's input, naming the execution that started it. */
  static final String STARTED_BY = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a parent's Task waits for its child. */
  enum Pattern {
    REQUEST_RESPONSE(""),
    RUN_A_JOB(".sync"),
    RUN_A_JOB_JSON(".sync:2"),
    WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

    private final String suffix;

    Pattern(String suffix) {
      this.suffix = suffix;
    }

    static Optional<Pattern> of(String resource) {
      for (Pattern pattern : values()) {
        if (resource.equals(RESOURCE + pattern.suffix)) {
          return Optional.of(pattern);
        }
      }
      return Optional.empty();
    }
  }

  /** Why a child cannot be started: the error name and cause the parent's Task sees. */
  record Refusal(String error, String cause) {}

  private final ProcessorContext<String, Object> context;
  private final Function<String, Optional<ExecutionTarget>> targets;

  /**
   * @param context where commands to children and parents go
   * @param targets what a start of a state machine, version or alias ARN runs, if it exists
   */
  NestedExecutions(
      ProcessorContext<String, Object> context,
      Function<String, Optional<ExecutionTarget>> targets) {
    this.context = context;
    this.targets = targets;
  }

  /** Whether a Task resource starts an execution. */
  static boolean serves(String resource) {
    return Pattern.of(resource).isPresent();
  }

  /**
   * Writes the start of the child a parent's Task asks for.
   *
   * @param input the Task's effective input: {@code StateMachineArn}, {@code Input}, {@code Name}
   * @return why it cannot be started, if it cannot
   */
  Optional<Refusal> start(
      String parentArn, Effect.ScheduleTask task, String signedToken, JsonNode input, Instant now) {
    JsonNode machineArn = input.get("StateMachineArn");
    if (machineArn == null || !machineArn.isTextual()) {
      return refused(
          "States.Runtime", "The Task needs 'StateMachineArn', the state machine to run");
    }
    Optional<ExecutionTarget> target = targets.apply(machineArn.asText());
    if (target.isEmpty()) {
      return refused(
          "StepFunctions.StateMachineDoesNotExistException",
          "State Machine Does Not Exist: '" + machineArn.asText() + "'");
    }
    var revision = target.get().revision();
    if (!"STANDARD".equals(revision.getType())) {
      return refused(
          "StepFunctions.StateMachineTypeNotSupportedException",
          "Tasks start Standard state machines here; " + revision.getArn() + " is EXPRESS");
    }
    String childInput;
    try {
      childInput = childInput(input.get("Input"), parentArn);
    } catch (JsonProcessingException e) {
      return refused(
          "StepFunctions.InvalidExecutionInputException",
          "The Task's 'Input' is not JSON: " + e.getOriginalMessage());
    }
    String name =
        input.hasNonNull("Name")
            ? input.get("Name").asText()
            : UUID.nameUUIDFromBytes(task.idempotencyKey().getBytes(StandardCharsets.UTF_8))
                .toString();
    String childArn = revision.getArn().replaceFirst(":stateMachine:", ":execution:") + ":" + name;
    StartExecution start =
        new StartExecution(
            revision.getArn(),
            revision.getRevisionId(),
            name,
            childInput,
            null,
            target.get().versionArn().orElse(null),
            target.get().aliasArn().orElse(null),
            parentArn,
            signedToken,
            Pattern.of(task.resource()).orElseThrow().name(),
            null,
            null);
    context.forward(
        new Record<>(
            childArn, new ExecutionCommand(childArn, null, now, start), now.toEpochMilli()),
        RuntimeTopology.COMMANDS_SINK);
    return Optional.empty();
  }

  /** The child's input: the Task's, with the parent named in it when it is an object. */
  private static String childInput(JsonNode given, String parentArn)
      throws JsonProcessingException {
    JsonNode input =
        given == null || given.isNull()
            ? JSON.createObjectNode()
            : given.isTextual() ? JSON.readTree(given.asText()) : given;
    if (input.isObject()) {
      ObjectNode named = ((ObjectNode) input).deepCopy();
      named.put(STARTED_BY, parentArn);
      return named.toString();
    }
    return input.toString();
  }

  /**
   * After a child's start was handled: a refused start fails the parent's Task; an applied one
   * completes a Task that waits for no more than the start.
   */
  void started(String childArn, StartExecution start, Verdict verdict, Instant now) {
    if (start.getParentTaskToken() == null) {
      return;
    }
    if (!verdict.isApplied()) {
      answer(
          start.getParentExecutionArn(),
          new TaskFailed(
              start.getParentTaskToken(),
              "StepFunctions." + verdict.error() + "Exception",
              verdict.message()),
          now);
    } else if (Pattern.REQUEST_RESPONSE.name().equals(start.getParentPattern())) {
      ObjectNode result = JSON.createObjectNode();
      result.put("ExecutionArn", childArn);
      result.put("StartDate", verdict.startDate().toEpochMilli());
      answer(
          start.getParentExecutionArn(),
          new TaskSucceeded(start.getParentTaskToken(), result.toString()),
          now);
    }
  }

  /** After a child closed: a {@code .sync} parent's Task ends with the child's outcome. */
  void closed(ExecutionRecord child, Instant now) {
    String pattern = child.getParentPattern();
    if (MapRunChildren.PATTERN.equals(pattern)) {
      answer(child.getParentExecutionArn(), iterationEnded(child), now);
      return;
    }
    boolean json = Pattern.RUN_A_JOB_JSON.name().equals(pattern);
    if (child.getParentTaskToken() == null || !(json || Pattern.RUN_A_JOB.name().equals(pattern))) {
      return;
    }
    ObjectNode described = JSON.createObjectNode();
    described.put("ExecutionArn", child.getExecutionArn());
    described.put("StateMachineArn", child.getStateMachineArn());
    described.put("Name", child.getName());
    described.put("Status", child.getStatus());
    described.put("StartDate", child.getStartDate().toEpochMilli());
    described.put("StopDate", now.toEpochMilli());
    putJson(described, "Input", child.getInput(), json);
    described.putObject("InputDetails").put("Included", true);
    if (child.getOutput() != null) {
      putJson(described, "Output", child.getOutput(), json);
      described.putObject("OutputDetails").put("Included", true);
    }
    Optional.ofNullable(child.getError()).ifPresent(error -> described.put("Error", error));
    Optional.ofNullable(child.getCause()).ifPresent(cause -> described.put("Cause", cause));
    Object outcome =
        "SUCCEEDED".equals(child.getStatus())
            ? new TaskSucceeded(child.getParentTaskToken(), described.toString())
            : new TaskFailed(child.getParentTaskToken(), "States.TaskFailed", described.toString());
    answer(child.getParentExecutionArn(), outcome, now);
  }

  /** A Map Run child's end, as its iteration's: its output, or its error and cause. */
  private static Object iterationEnded(ExecutionRecord child) {
    String token = child.getParentTaskToken();
    return switch (child.getStatus()) {
      case "SUCCEEDED" -> new TaskSucceeded(token, child.getOutput());
      case "TIMED_OUT" -> new TaskFailed(token, ChildExecutions.TIMED_OUT, child.getCause());
      case "ABORTED" -> new TaskFailed(token, ChildExecutions.ABORTED, child.getCause());
      default -> new TaskFailed(token, child.getError(), child.getCause());
    };
  }

  private static void putJson(ObjectNode into, String field, String text, boolean parsed) {
    if (!parsed) {
      into.put(field, text);
      return;
    }
    try {
      into.set(field, JSON.readTree(text));
    } catch (JsonProcessingException e) {
      into.put(field, text);
    }
  }

  private void answer(String parentArn, Object body, Instant now) {
    context.forward(
        new Record<>(
            parentArn, new ExecutionCommand(parentArn, null, now, body), now.toEpochMilli()),
        RuntimeTopology.COMMANDS_SINK);
  }

  private static Optional<Refusal> refused(String error, String cause) {
    return Optional.of(new Refusal(error, cause));
  }
}
