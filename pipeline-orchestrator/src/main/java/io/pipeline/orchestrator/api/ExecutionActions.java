package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.api.Fields.epochSeconds;
import static io.pipeline.orchestrator.api.Fields.optional;
import static io.pipeline.orchestrator.api.Fields.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.interpreter.ChildExecutions;
import io.pipeline.client.CommandGateway;
import io.pipeline.client.Verdict;
import io.pipeline.orchestrator.express.ExpressService;
import io.pipeline.orchestrator.machines.ExecutionTarget;
import io.pipeline.orchestrator.machines.StateMachineArn;
import io.pipeline.orchestrator.machines.StateMachineArn.Kind;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.orchestrator.runtime.Redrives;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.RedriveExecution;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.StopExecution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The execution actions: StartExecution, StartSyncExecution, StopExecution, DescribeExecution,
 * GetExecutionHistory, ListExecutions. Commands that can be refused go to the runtime with a
 * request id, and the answer is the runtime's verdict. Reads come from the runtime's stores: an
 * execution's reads are answered by the instance serving its partition (this one, or a peer asked
 * through its internal endpoint), a listing by every instance for its partitions, merged here.
 */
final class ExecutionActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Step Functions' limit on an execution's input, in UTF-8 bytes. */
  static final int MAX_INPUT_BYTES = 256 * 1024;

  /** Names: 1 to 80 characters, no white space, brackets, wildcards, punctuation or controls. */
  private static final Pattern NAME =
      Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");

  private static final Pattern EXECUTION_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:]{1,200}:[^:]{1,80}");

  static final String DESCRIBE = "DescribeExecution";
  static final String HISTORY = "GetExecutionHistory";
  static final String MACHINE_FOR = "DescribeStateMachineForExecution";
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 1000;

  private final StateMachineRegistry machines;
  private final StandardRuntime runtime;
  private final CommandGateway commands;
  private final ExpressService express;
  private final Peers peers;

  ExecutionActions(
      StateMachineRegistry machines,
      StandardRuntime runtime,
      CommandGateway commands,
      ExpressService express,
      Peers peers) {
    this.machines = machines;
    this.runtime = runtime;
    this.commands = commands;
    this.express = express;
    this.peers = peers;
  }

  /**
   * StartExecution of a state machine (its current revision), a version, or an alias (one of its
   * versions, drawn by weight for each execution).
   */
  CompletableFuture<JsonNode> start(JsonNode request) {
    StartRequest start = startRequest(request);
    if ("EXPRESS".equals(start.machine().getType())) {
      return express
          .startAsync(start.target(), start.name(), start.input())
          .thenApply(
              started -> {
                ObjectNode answer = JSON.createObjectNode();
                answer.put("executionArn", started.getExecutionArn());
                answer.put("startDate", epochSeconds(started.getStartDate()));
                return answer;
              });
    }
    String executionArn =
        start.machine().getArn().replaceFirst(":stateMachine:", ":execution:") + ":" + start.name();
    StartExecution command =
        new StartExecution(
            start.machine().getArn(),
            start.machine().getRevisionId(),
            start.name(),
            start.input(),
            optional(request, "traceHeader").orElse(null),
            start.target().versionArn().orElse(null),
            start.target().aliasArn().orElse(null),
            null,
            null,
            null,
            null,
            null);
    return commands
        .send(executionArn, command)
        .thenApply(
            verdict -> {
              ObjectNode answer = JSON.createObjectNode();
              answer.put("executionArn", executionArn);
              answer.put("startDate", epochSeconds(applied(verdict).startDate()));
              return answer;
            });
  }

  /**
   * StartSyncExecution: an Express execution run on this instance, answered with its result. At
   * most once, as in Step Functions: a failed call is not retried here.
   */
  CompletableFuture<JsonNode> startSync(JsonNode request) {
    StartRequest start = startRequest(request);
    if (!"EXPRESS".equals(start.machine().getType())) {
      throw new ApiException(
          "StateMachineTypeNotSupported",
          "This operation is not supported by this type of state machine: "
              + start.machine().getArn()
              + " is "
              + start.machine().getType());
    }
    return express
        .startSync(start.target(), start.name(), start.input())
        .thenApply(
            result -> {
              ObjectNode answer = JSON.createObjectNode();
              answer.put("executionArn", result.identity().executionArn());
              answer.put("stateMachineArn", result.identity().stateMachineArn());
              answer.put("name", result.identity().executionName());
              answer.put("startDate", epochSeconds(result.startDate()));
              answer.put("stopDate", epochSeconds(result.stopDate()));
              answer.put("status", result.status().name());
              answer.put("input", start.input());
              answer.putObject("inputDetails").put("included", true);
              result
                  .output()
                  .ifPresent(
                      output -> {
                        answer.put("output", output.toString());
                        answer.putObject("outputDetails").put("included", true);
                      });
              result.error().ifPresent(error -> answer.put("error", error));
              result.cause().ifPresent(cause -> answer.put("cause", cause));
              ObjectNode billing = answer.putObject("billingDetails");
              billing.put("billedMemoryUsedInMB", 64);
              billing.put(
                  "billedDurationInMilliseconds",
                  Math.max(
                      100, Duration.between(result.startDate(), result.stopDate()).toMillis()));
              return answer;
            });
  }

  /** What StartExecution and StartSyncExecution ask for, checked. */
  private record StartRequest(ExecutionTarget target, String name, String input) {
    /** The revision it runs. */
    StateMachineRecord machine() {
      return target.revision();
    }
  }

  private StartRequest startRequest(JsonNode request) {
    StateMachineArn arn =
        Qualifiers.arn(request, "stateMachineArn", Kind.MACHINE, Kind.VERSION, Kind.ALIAS);
    ExecutionTarget target =
        machines
            .target(arn, ThreadLocalRandom.current().nextInt(100))
            .orElseThrow(
                () ->
                    new ApiException(
                        "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"));
    String name = optional(request, "name").orElseGet(() -> UUID.randomUUID().toString());
    if (!NAME.matcher(name).matches()) {
      throw new ApiException(
          "InvalidName",
          "Invalid Name: '"
              + name
              + "' (1 to 80 characters, without white space, brackets, wildcards, controls or any"
              + " of \" # % \\ ^ | ~ ` $ & , ; : /)");
    }
    String input = optional(request, "input").orElse("{}");
    if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must"
              + " have length less than or equal to "
              + MAX_INPUT_BYTES);
    }
    try {
      JSON.readTree(input);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: " + e.getOriginalMessage());
    }
    return new StartRequest(target, name, input);
  }

  CompletableFuture<JsonNode> stop(JsonNode request) {
    String arn = executionArn(request);
    StopExecution stop =
        new StopExecution(limited(request, "error", 256), limited(request, "cause", 32_768));
    return commands
        .send(arn, stop)
        .thenApply(
            verdict -> {
              ObjectNode answer = JSON.createObjectNode();
              Instant stopped = applied(verdict).startDate();
              answer.put("stopDate", epochSeconds(stopped == null ? Instant.now() : stopped));
              return answer;
            });
  }

  /**
   * RedriveExecution: the runtime runs a failed, aborted or timed-out Standard execution again from
   * the states that did not succeed, or refuses with {@code ExecutionNotRedrivable} and AWS's
   * reason.
   */
  CompletableFuture<JsonNode> redrive(JsonNode request) {
    String arn = executionArn(request);
    String clientToken = limited(request, "clientToken", 64);
    return commands
        .send(arn, new RedriveExecution(clientToken))
        .thenApply(
            verdict -> {
              ObjectNode answer = JSON.createObjectNode();
              answer.put("redriveDate", epochSeconds(applied(verdict).startDate()));
              return answer;
            });
  }

  CompletableFuture<JsonNode> describe(JsonNode request) {
    String arn = executionArn(request);
    return onOwner(DESCRIBE, arn, request, partition -> describe(arn, partition));
  }

  /** DescribeStateMachineForExecution: the revision the execution runs (or ran) on. */
  CompletableFuture<JsonNode> machineFor(JsonNode request) {
    String arn = executionArn(request);
    return onOwner(MACHINE_FOR, arn, request, partition -> machineFor(arn, partition));
  }

  private JsonNode machineFor(String arn, int partition) {
    ExecutionRecord execution = find(arn, partition);
    StateMachineRecord revision =
        machines
            .revision(execution.getStateMachineArn(), execution.getRevisionId())
            .orElseThrow(
                () ->
                    new ApiException(
                        "StateMachineDoesNotExist",
                        "State Machine Does Not Exist: the revision "
                            + execution.getRevisionId()
                            + " of '"
                            + execution.getStateMachineArn()
                            + "' is gone"));
    ObjectNode answer = MachineActions.revision(revision);
    answer.put("updateDate", epochSeconds(revision.getUpdatedAt()));
    return answer;
  }

  CompletableFuture<JsonNode> history(JsonNode request) {
    String arn = executionArn(request);
    return onOwner(HISTORY, arn, request, partition -> history(arn, partition, request));
  }

  /**
   * Answers from the owner of the execution's partition: here, or through the peer serving it. A
   * peer answers from that partition only, so a partition that moved meanwhile is a retryable
   * {@code ServiceUnavailable}, never a false {@code ExecutionDoesNotExist}.
   */
  private CompletableFuture<JsonNode> onOwner(
      String action, String arn, JsonNode request, IntFunction<JsonNode> local) {
    StandardRuntime.Owner owner = runtime.ownerOf(arn);
    return owner.local()
        ? CompletableFuture.completedFuture(local.apply(owner.partition()))
        : peers.call(owner.host(), action, owner.partition(), request);
  }

  /**
   * A peer's internal request: answered from this instance's partitions, never passed on.
   *
   * @param partition the partition named by the request
   */
  JsonNode answerForPeer(String action, int partition, JsonNode request) {
    return switch (action) {
      case DESCRIBE -> describe(executionArn(request), partition);
      case HISTORY -> history(executionArn(request), partition, request);
      case MACHINE_FOR -> machineFor(executionArn(request), partition);
      default ->
          throw new ApiException(
              "UnknownOperationException", "The internal action " + action + " does not exist");
    };
  }

  private JsonNode describe(String arn, int partition) {
    ExecutionRecord execution = find(arn, partition);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("executionArn", arn);
    answer.put("stateMachineArn", machineArnOf(execution));
    if (execution.getMapRunArn() != null) {
      answer.put("mapRunArn", execution.getMapRunArn());
    }
    answer.put("name", execution.getName());
    answer.put("status", execution.getStatus());
    answer.put("startDate", epochSeconds(execution.getStartDate()));
    qualifiers(answer, execution);
    if (execution.getStopDate() != null) {
      answer.put("stopDate", epochSeconds(execution.getStopDate()));
    }
    answer.put("input", execution.getInput());
    answer.putObject("inputDetails").put("included", true);
    if (execution.getOutput() != null) {
      answer.put("output", execution.getOutput());
      answer.putObject("outputDetails").put("included", true);
    }
    if (execution.getError() != null) {
      answer.put("error", execution.getError());
    }
    if (execution.getCause() != null) {
      answer.put("cause", execution.getCause());
    }
    if (execution.getTraceHeader() != null) {
      answer.put("traceHeader", execution.getTraceHeader());
    }
    answer.put("redriveCount", execution.getRedriveCount());
    if (execution.getRedriveDate() != null) {
      answer.put("redriveDate", epochSeconds(execution.getRedriveDate()));
    }
    Optional<String> notRedrivable = Redrives.notRedrivable(execution, Instant.now());
    answer.put("redriveStatus", notRedrivable.isEmpty() ? "REDRIVABLE" : "NOT_REDRIVABLE");
    notRedrivable.ifPresent(reason -> answer.put("redriveStatusReason", reason));
    return answer;
  }

  /**
   * The state machine an execution runs, as the API names it: a Map Run's child runs {@code <state
   * machine>/<label>}.
   */
  static String machineArnOf(ExecutionRecord execution) {
    return execution.getMapRunArn() == null
        ? execution.getStateMachineArn()
        : ChildExecutions.stateMachineArn(execution.getMapRunArn());
  }

  /** The version and alias an execution was started with, as DescribeExecution and lists say. */
  static void qualifiers(ObjectNode answer, ExecutionRecord execution) {
    if (execution.getStateMachineVersionArn() != null) {
      answer.put("stateMachineVersionArn", execution.getStateMachineVersionArn());
    }
    if (execution.getStateMachineAliasArn() != null) {
      answer.put("stateMachineAliasArn", execution.getStateMachineAliasArn());
    }
  }

  private JsonNode history(String arn, int partition, JsonNode request) {
    ExecutionRecord execution = find(arn, partition);
    int pageSize = pageSize(request);
    boolean reverse = Fields.optionalBoolean(request, "reverseOrder").orElse(false);
    boolean includeData = Fields.optionalBoolean(request, "includeExecutionData").orElse(true);
    long after = optional(request, "nextToken").map(token -> readToken(token, reverse)).orElse(0L);
    List<ExecutionHistoryEvent> page = runtime.history(arn, partition, after, pageSize, reverse);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode events = answer.putArray("events");
    page.forEach(event -> events.add(HistoryEvents.format(event, includeData)));
    if (page.size() == pageSize) {
      long last = page.get(page.size() - 1).getId();
      boolean more = reverse ? last > 1 : last < execution.getHistoryEvents();
      if (more) {
        answer.put("nextToken", writeToken(last, reverse));
      }
    }
    return answer;
  }

  /** The page size of the listing actions: 100 by default, at most 1,000. */
  static int pageSize(JsonNode request) {
    return Fields.pageSize(request, DEFAULT_PAGE, MAX_PAGE);
  }

  private ExecutionRecord find(String arn, int partition) {
    return runtime
        .execution(arn, partition)
        .orElseThrow(
            () ->
                new ApiException(
                    "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
  }

  private static String executionArn(JsonNode request) {
    String arn = required(request, "executionArn");
    if (!EXECUTION_ARN.matcher(arn).matches()) {
      throw new ApiException(
          "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
    }
    return arn;
  }

  static String limited(JsonNode request, String field, int max) {
    String value = optional(request, field).orElse(null);
    if (value != null && value.length() > max) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value at '"
              + field
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + max);
    }
    return value;
  }

  private static Verdict applied(Verdict verdict) {
    if (!verdict.isApplied()) {
      throw new ApiException(verdict.error(), verdict.message());
    }
    return verdict;
  }

  /** History page tokens say where the next page starts and in which order. */
  private static String writeToken(long lastEventId, boolean reverse) {
    return PageTokens.write(reverse ? "history-reverse" : "history", Long.toString(lastEventId));
  }

  private static long readToken(String token, boolean reverse) {
    String id =
        PageTokens.read(
                token, reverse ? "history-reverse" : "history", 1, "a page in the other order")
            .get(0);
    long after;
    try {
      after = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw PageTokens.invalid(token);
    }
    if (after < 1) {
      throw PageTokens.invalid(token);
    }
    return after;
  }
}
