package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.api.Fields.epochSeconds;
import static io.pipeline.orchestrator.api.Fields.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.CommandGateway;
import io.pipeline.orchestrator.machines.MapRunCatalog;
import io.pipeline.schemas.orchestrator.MapRunCounts;
import io.pipeline.schemas.orchestrator.MapRunRecord;
import io.pipeline.schemas.orchestrator.UpdateMapRun;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The Map Run actions: DescribeMapRun and ListMapRuns read the runs the runtime records ({@link
 * MapRunCatalog}); UpdateMapRun is a command to the execution whose Distributed Map runs it, which
 * the engine applies in that execution's next transition.
 */
final class MapRunActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern MAP_RUN_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:mapRun:[^:]{1,200}:[^:]{1,80}");

  private static final ArnPages<MapRunRecord> PAGES =
      new ArnPages<>("ListMapRuns", MapRunRecord::getMapRunArn);

  private final MapRunCatalog runs;
  private final CommandGateway commands;

  MapRunActions(MapRunCatalog runs, CommandGateway commands) {
    this.runs = runs;
    this.commands = commands;
  }

  /** DescribeMapRun. */
  JsonNode describe(JsonNode request) {
    MapRunRecord run = existing(request);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("mapRunArn", run.getMapRunArn());
    answer.put("executionArn", run.getExecutionArn());
    answer.put("status", run.getStatus());
    answer.put("startDate", epochSeconds(run.getStartDate()));
    if (run.getStopDate() != null) {
      answer.put("stopDate", epochSeconds(run.getStopDate()));
    }
    answer.put("maxConcurrency", run.getMaxConcurrency());
    answer.put("toleratedFailurePercentage", run.getToleratedFailurePercentage());
    answer.put("toleratedFailureCount", run.getToleratedFailureCount());
    counts(answer.putObject("itemCounts"), run.getItemCounts());
    counts(answer.putObject("executionCounts"), run.getExecutionCounts());
    answer.put("redriveCount", 0);
    return answer;
  }

  /** ListMapRuns: the runs an execution's Distributed Map states started. */
  JsonNode list(JsonNode request) {
    String executionArn = required(request, "executionArn");
    ArnPages.Page<MapRunRecord> page = PAGES.page(runs.of(executionArn), request);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode listed = answer.putArray("mapRuns");
    for (MapRunRecord run : page.items()) {
      ObjectNode item = listed.addObject();
      item.put("executionArn", run.getExecutionArn());
      item.put("mapRunArn", run.getMapRunArn());
      item.put("stateMachineArn", run.getStateMachineArn());
      item.put("startDate", epochSeconds(run.getStartDate()));
      if (run.getStopDate() != null) {
        item.put("stopDate", epochSeconds(run.getStopDate()));
      }
    }
    page.nextToken().ifPresent(token -> answer.put("nextToken", token));
    return answer;
  }

  /**
   * UpdateMapRun: changes a running run's MaxConcurrency and tolerated failures; the run's
   * execution applies it, or refuses it when the run is not running any more.
   */
  CompletableFuture<JsonNode> update(JsonNode request) {
    MapRunRecord run = existing(request);
    Optional<Integer> maxConcurrency = Fields.optionalInt(request, "maxConcurrency");
    Optional<Long> count = Fields.optionalLong(request, "toleratedFailureCount");
    Optional<Double> percentage = Fields.optionalNumber(request, "toleratedFailurePercentage");
    if (maxConcurrency.isEmpty() && count.isEmpty() && percentage.isEmpty()) {
      throw new ApiException(
          "ValidationException",
          "Give at least one of maxConcurrency, toleratedFailureCount, toleratedFailurePercentage");
    }
    if (maxConcurrency.isPresent() && maxConcurrency.get() < 0) {
      throw invalid("maxConcurrency", maxConcurrency.get(), "greater than or equal to 0");
    }
    if (count.isPresent() && count.get() < 0) {
      throw invalid("toleratedFailureCount", count.get(), "greater than or equal to 0");
    }
    if (percentage.isPresent() && (percentage.get() < 0 || percentage.get() > 100)) {
      throw invalid("toleratedFailurePercentage", percentage.get(), "between 0 and 100");
    }
    UpdateMapRun update =
        new UpdateMapRun(
            run.getMapRunArn(),
            maxConcurrency.orElse(null),
            count.orElse(null),
            percentage.orElse(null));
    return commands
        .send(run.getExecutionArn(), update)
        .thenApply(
            verdict -> {
              if (!verdict.isApplied()) {
                String error =
                    "ExecutionDoesNotExist".equals(verdict.error())
                        ? "ResourceNotFound"
                        : verdict.error();
                throw new ApiException(error, verdict.message());
              }
              return JSON.createObjectNode();
            });
  }

  private MapRunRecord existing(JsonNode request) {
    String arn = required(request, "mapRunArn");
    if (!MAP_RUN_ARN.matcher(arn).matches()) {
      throw new ApiException(
          "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
    }
    return runs.get(arn)
        .orElseThrow(
            () ->
                new ApiException(
                    "ResourceNotFound",
                    "Resource not found: Map Run '" + arn + "' does not exist"));
  }

  private static void counts(ObjectNode into, MapRunCounts counts) {
    into.put("pending", counts.getPending());
    into.put("running", counts.getRunning());
    into.put("succeeded", counts.getSucceeded());
    into.put("failed", counts.getFailed());
    into.put("timedOut", counts.getTimedOut());
    into.put("aborted", counts.getAborted());
    into.put("total", counts.getTotal());
    into.put("resultsWritten", 0);
    into.put("failuresNotRedrivable", 0);
    into.put("pendingRedrive", 0);
  }

  private static ApiException invalid(String field, Object value, String constraint) {
    return new ApiException(
        "ValidationException",
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + field
            + "' failed to satisfy constraint: Member must have value "
            + constraint);
  }
}
