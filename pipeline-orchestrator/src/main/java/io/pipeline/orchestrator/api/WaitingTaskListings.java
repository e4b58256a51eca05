package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.api.Fields.epochSeconds;
import static io.pipeline.orchestrator.api.Fields.optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import io.pipeline.orchestrator.runtime.WaitingTasks;
import io.pipeline.orchestrator.runtime.WaitingTasks.Position;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ListWaitingTasks}: the callback tasks ({@code .waitForTaskToken}) running Standard
 * executions wait for, across the instances of the orchestrator, longest waiting first, each with
 * the signed task token SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat take. As {@link
 * ExecutionListings} does, each instance lists the partitions it serves (the others through their
 * internal endpoints, partition by partition named), and the pages merge here in the same order.
 *
 * <p>It is the console's action, answered at {@code POST /console/api/ListWaitingTasks} for a
 * signed-in user, and deliberately not a Step Functions action: AWS has no action that lists task
 * tokens (a token goes only to whoever is to do the work, and is its sole proof), so the SigV4 door
 * the SDKs and CLI use answers Step Functions' actions only, each meaning what it means at AWS. The
 * console's users operate the pipeline, and approving a waiting task is their work.
 */
public final class WaitingTaskListings {

  /** The console's action. */
  public static final String ACTION = "ListWaitingTasks";

  /**
   * The internal action by which an instance lists the waiting tasks of the partitions it names.
   */
  static final String LIST_PARTITIONS = "ListWaitingTasksOfPartitions";

  /** Pages are small: each task carries its parameters, up to 256 KiB. */
  private static final int DEFAULT_PAGE = 100;

  private static final int MAX_PAGE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_KIND = "waiting-tasks";
  private static final String SINCE_MILLIS = "sinceMillis";
  private static final String ENGINE_TOKEN = "engineToken";
  private static final Comparator<JsonNode> ORDER =
      Comparator.comparingLong((JsonNode item) -> item.get(SINCE_MILLIS).asLong())
          .thenComparing(item -> item.get(ENGINE_TOKEN).asText());

  private final StandardRuntime runtime;
  private final WaitingTasks tasks;
  private final Peers peers;
  private final ApiRateLimits rateLimits;

  WaitingTaskListings(
      StandardRuntime runtime, WaitingTasks tasks, Peers peers, ApiRateLimits rateLimits) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.peers = peers;
    this.rateLimits = rateLimits;
  }

  /**
   * Answers a request: {@code {"maxResults"?, "nextToken"?}} to {@code {"tasks": [{executionArn,
   * executionName, stateMachineArn, stateName, resource, parameters, waitingSince, timeoutSeconds?,
   * timeoutDate?, heartbeatSeconds?, taskToken}], "nextToken"?}}, dates in epoch seconds as the API
   * writes them. Past the rate {@code ORCHESTRATOR_API_RATE_LIMITS} gives it, {@code
   * ThrottlingException}; while partitions move, {@code ServiceUnavailable}.
   *
   * @param body the request's JSON
   */
  public CompletableFuture<JsonNode> list(byte[] body) {
    rateLimits.acquire(ACTION);
    JsonNode request = StepFunctionsActions.json(body);
    int max = Fields.pageSize(request, DEFAULT_PAGE, MAX_PAGE);
    Optional<Position> after = optional(request, "nextToken").map(WaitingTaskListings::readToken);
    ObjectNode part = JSON.createObjectNode();
    part.put("maxResults", max);
    after.ifPresent(
        a ->
            part.putObject("after")
                .put(SINCE_MILLIS, a.since().toEpochMilli())
                .put(ENGINE_TOKEN, a.engineToken()));
    return PartitionedListing.gather(
            runtime, peers, LIST_PARTITIONS, part, this::listPartitions, "tasks", ORDER, max)
        .thenApply(WaitingTaskListings::answer);
  }

  private static JsonNode answer(PartitionedListing.Page page) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode listed = answer.putArray("tasks");
    for (JsonNode item : page.items()) {
      ObjectNode task = ((ObjectNode) item).deepCopy();
      task.remove(SINCE_MILLIS);
      task.remove(ENGINE_TOKEN);
      listed.add(task);
    }
    if (page.more() && !page.items().isEmpty()) {
      JsonNode last = page.items().get(page.items().size() - 1);
      answer.put(
          "nextToken",
          PageTokens.write(
              TOKEN_KIND,
              Long.toString(last.get(SINCE_MILLIS).asLong()),
              last.get(ENGINE_TOKEN).asText()));
    }
    return answer;
  }

  /** A peer's (or this instance's) part of a listing: the partitions the request names. */
  JsonNode listPartitions(JsonNode request) {
    int max = request.path("maxResults").asInt(DEFAULT_PAGE);
    JsonNode after = request.path("after");
    Optional<Position> position =
        after.isObject()
            ? Optional.of(
                new Position(
                    Instant.ofEpochMilli(after.path(SINCE_MILLIS).asLong()),
                    after.path(ENGINE_TOKEN).asText()))
            : Optional.empty();
    Set<Integer> partitions = new TreeSet<>();
    request.path("partitions").forEach(p -> partitions.add(p.asInt()));
    WaitingTasks.Page page = tasks.list(partitions, position, max);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("tasks");
    for (WaitingTasks.WaitingTask task : page.tasks()) {
      ObjectNode item = items.addObject();
      item.put("executionArn", task.executionArn());
      item.put("executionName", task.executionName());
      item.put("stateMachineArn", task.stateMachineArn());
      item.put("stateName", task.stateName());
      item.put("resource", task.resource());
      item.set("parameters", task.parameters());
      item.put("waitingSince", epochSeconds(task.since()));
      task.timeoutSeconds()
          .ifPresent(
              t -> {
                item.put("timeoutSeconds", t);
                item.put("timeoutDate", epochSeconds(task.since().plusSeconds(t)));
              });
      task.heartbeatSeconds().ifPresent(h -> item.put("heartbeatSeconds", h));
      item.put("taskToken", task.taskToken());
      item.put(SINCE_MILLIS, task.since().toEpochMilli());
      item.put(ENGINE_TOKEN, task.engineToken());
    }
    answer.put("more", page.more());
    return answer;
  }

  /** Page tokens name the last task listed; they are not secrets (its signed token is not in). */
  private static Position readToken(String token) {
    List<String> parts = PageTokens.read(token, TOKEN_KIND, 2, "another action's listing");
    try {
      return new Position(Instant.ofEpochMilli(Long.parseLong(parts.get(0))), parts.get(1));
    } catch (NumberFormatException e) {
      throw PageTokens.invalid(token);
    }
  }
}
