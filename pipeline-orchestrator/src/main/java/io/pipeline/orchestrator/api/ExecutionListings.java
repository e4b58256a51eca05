package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.api.Fields.epochSeconds;
import static io.pipeline.orchestrator.api.Fields.optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.machines.MapRunCatalog;
import io.pipeline.orchestrator.machines.StateMachineArn;
import io.pipeline.orchestrator.machines.StateMachineArn.Kind;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import io.pipeline.orchestrator.runtime.StandardRuntime.ListingPosition;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * ListExecutions across the instances of the orchestrator. Each partition keeps its executions
 * ordered by state machine, newest first; each instance lists the partitions it serves (this one
 * directly, the others through their internal endpoints, named partition by partition so that a
 * partition that moved meanwhile fails instead of going missing), and the pages merge here in the
 * same order. The page token is the last execution listed. An execution started with a version or
 * an alias is listed under them too, so a version or alias ARN lists the executions it started.
 */
final class ExecutionListings {

  static final String LIST = "ListExecutions";

  /** The internal action by which an instance lists the executions of the partitions it names. */
  static final String LIST_PARTITIONS = "ListExecutionsOfPartitions";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TOKEN_KIND = "executions";

  private static final List<String> STATUSES =
      List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");

  /** Items of internal answers carry their exact start, which orders them. */
  private static final String START_MILLIS = "startMillis";

  /** Newest first, then in the byte order of the ARN: the order of the listing stores. */
  private static final Comparator<JsonNode> LISTING_ORDER =
      Comparator.comparingLong((JsonNode item) -> -item.get(START_MILLIS).asLong())
          .thenComparing(
              item -> item.get("executionArn").asText().getBytes(StandardCharsets.UTF_8),
              Arrays::compareUnsigned);

  private final StateMachineRegistry machines;
  private final StandardRuntime runtime;
  private final Peers peers;
  private final MapRunCatalog mapRuns;

  ExecutionListings(
      StateMachineRegistry machines, StandardRuntime runtime, Peers peers, MapRunCatalog mapRuns) {
    this.mapRuns = mapRuns;
    this.machines = machines;
    this.runtime = runtime;
    this.peers = peers;
  }

  /** ListExecutions. */
  CompletableFuture<JsonNode> list(JsonNode request) {
    String machineArn = listedArn(request);
    Optional<String> status = optional(request, "statusFilter");
    if (status.isPresent() && !STATUSES.contains(status.get())) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value '"
              + status.get()
              + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value"
              + " set: "
              + STATUSES);
    }
    return list(machineArn, status, request);
  }

  /**
   * What a listing lists: a state machine's (version's, alias's) executions, or a Map Run's child
   * executions.
   */
  private String listedArn(JsonNode request) {
    if (request.hasNonNull("mapRunArn")) {
      if (request.hasNonNull("stateMachineArn")) {
        throw new ApiException(
            "ValidationException", "Give either stateMachineArn or mapRunArn, not both");
      }
      String mapRunArn = request.get("mapRunArn").asText();
      if (mapRuns.get(mapRunArn).isEmpty()) {
        throw new ApiException(
            "ResourceNotFound", "Resource not found: Map Run '" + mapRunArn + "' does not exist");
      }
      return mapRunArn;
    }
    StateMachineArn listed =
        Qualifiers.arn(request, "stateMachineArn", Kind.MACHINE, Kind.VERSION, Kind.ALIAS);
    String machineArn = listed.arn();
    StateMachineRecord machine = Machines.existing(machines, listed.machine());
    if (listed.kind() != Kind.MACHINE && !machines.exists(machineArn)) {
      throw new ApiException(
          "ResourceNotFound", "Resource not found: '" + machineArn + "' does not exist");
    }
    if ("EXPRESS".equals(machine.getType())) {
      throw new ApiException(
          "StateMachineTypeNotSupported",
          "This operation is not supported by this type of state machine: Express executions are"
              + " not listed (their events go to the Express log topic)");
    }
    return machineArn;
  }

  private CompletableFuture<JsonNode> list(
      String machineArn, Optional<String> status, JsonNode request) {
    int max = ExecutionActions.pageSize(request);
    Optional<ListingPosition> after =
        optional(request, "nextToken").map(token -> readToken(token, machineArn, status));

    ObjectNode part = JSON.createObjectNode();
    part.put("stateMachineArn", machineArn);
    status.ifPresent(s -> part.put("statusFilter", s));
    part.put("maxResults", max);
    after.ifPresent(
        a ->
            part.putObject("after")
                .put(START_MILLIS, a.startDate().toEpochMilli())
                .put("executionArn", a.executionArn()));
    return PartitionedListing.gather(
            runtime,
            peers,
            LIST_PARTITIONS,
            part,
            this::listPartitions,
            "executions",
            LISTING_ORDER,
            max)
        .thenApply(page -> answer(page, status));
  }

  private static JsonNode answer(PartitionedListing.Page page, Optional<String> status) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode executions = answer.putArray("executions");
    for (JsonNode item : page.items()) {
      ObjectNode listed = ((ObjectNode) item).deepCopy();
      listed.remove(START_MILLIS);
      executions.add(listed);
    }
    if (page.more() && !page.items().isEmpty()) {
      JsonNode last = page.items().get(page.items().size() - 1);
      answer.put(
          "nextToken",
          writeToken(last.get(START_MILLIS).asLong(), last.get("executionArn").asText(), status));
    }
    return answer;
  }

  /** A peer's (or this instance's) part of a listing: the partitions the request names. */
  JsonNode listPartitions(JsonNode request) {
    String machineArn = Fields.required(request, "stateMachineArn");
    Optional<String> status = optional(request, "statusFilter");
    int max = request.path("maxResults").asInt(0);
    JsonNode afterNode = request.get("after");
    Optional<ListingPosition> after =
        afterNode == null || afterNode.isNull()
            ? Optional.empty()
            : Optional.of(
                new ListingPosition(
                    Instant.ofEpochMilli(afterNode.get(START_MILLIS).asLong()),
                    afterNode.get("executionArn").asText()));
    Set<Integer> partitions = new TreeSet<>();
    request.path("partitions").forEach(p -> partitions.add(p.asInt()));
    StandardRuntime.Listing listing = runtime.listing(machineArn, status, after, max, partitions);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode executions = answer.putArray("executions");
    for (ExecutionRecord execution : listing.executions()) {
      ObjectNode item = executions.addObject();
      item.put("executionArn", execution.getExecutionArn());
      item.put("stateMachineArn", ExecutionActions.machineArnOf(execution));
      if (execution.getMapRunArn() != null) {
        item.put("mapRunArn", execution.getMapRunArn());
      }
      item.put("name", execution.getName());
      item.put("status", execution.getStatus());
      item.put("startDate", epochSeconds(execution.getStartDate()));
      if (execution.getStopDate() != null) {
        item.put("stopDate", epochSeconds(execution.getStopDate()));
      }
      ExecutionActions.qualifiers(item, execution);
      if (execution.getRedriveCount() > 0) {
        item.put("redriveCount", execution.getRedriveCount());
        item.put("redriveDate", epochSeconds(execution.getRedriveDate()));
      }
      item.put(START_MILLIS, execution.getStartDate().toEpochMilli());
    }
    answer.put("more", listing.more());
    return answer;
  }

  /**
   * Page tokens name the last execution listed and the filter they page through; they are not
   * secrets.
   */
  private static String writeToken(long startMillis, String executionArn, Optional<String> status) {
    return PageTokens.write(
        TOKEN_KIND, status.orElse(""), Long.toString(startMillis), executionArn);
  }

  private static ListingPosition readToken(
      String token, String machineArn, Optional<String> status) {
    List<String> parts = PageTokens.read(token, TOKEN_KIND, 3, "another action's listing");
    String executionPrefix =
        StateMachineArn.parse(machineArn)
                .orElseThrow()
                .machine()
                .replaceFirst(":stateMachine:", ":execution:")
            + ":";
    if (!parts.get(0).equals(status.orElse("")) || !parts.get(2).startsWith(executionPrefix)) {
      throw new ApiException(
          "InvalidToken",
          "Invalid Token: the nextToken is of a listing with another state machine or status"
              + " filter");
    }
    try {
      return new ListingPosition(Instant.ofEpochMilli(Long.parseLong(parts.get(1))), parts.get(2));
    } catch (NumberFormatException e) {
      throw PageTokens.invalid(token);
    }
  }
}
