package io.pipeline.orchestrator.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.client.CommandGateway;
import io.pipeline.orchestrator.activities.ActivityPolls;
import io.pipeline.orchestrator.express.ExpressService;
import io.pipeline.orchestrator.machines.ActivityRegistry;
import io.pipeline.orchestrator.machines.InvalidDefinitionException;
import io.pipeline.orchestrator.machines.InvalidNameException;
import io.pipeline.orchestrator.machines.MapRunCatalog;
import io.pipeline.orchestrator.machines.StateMachineAlreadyExistsException;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.orchestrator.machines.TagCatalog;
import io.pipeline.orchestrator.runtime.ActivityTopics;
import io.pipeline.orchestrator.runtime.RuntimeUnavailableException;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import io.pipeline.orchestrator.task.TaskTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step Functions' JSON 1.0 protocol ({@code POST /}, {@code X-Amz-Target:
 * AWSStepFunctions.<Action>}), so that the AWS SDKs and CLI work against the orchestrator. Errors
 * are answered as AWS does: status 400 and {@code {"__type": "<ErrorName>", "message": ...}}, which
 * the SDKs turn into their exception classes. Work that waits for Kafka runs on {@code executor},
 * never on Jetty's threads.
 *
 * <p>Actions so far: CreateStateMachine, DescribeStateMachine, ListStateMachines,
 * UpdateStateMachine, DeleteStateMachine, ValidateStateMachineDefinition,
 * DescribeStateMachineForExecution, StartExecution, StartSyncExecution, StopExecution,
 * DescribeExecution, GetExecutionHistory, ListExecutions, SendTaskSuccess, SendTaskFailure,
 * SendTaskHeartbeat, CreateActivity, DescribeActivity, ListActivities, DeleteActivity,
 * GetActivityTask, TagResource, UntagResource, ListTagsForResource, TestState; versions ({@link
 * VersionActions}) and aliases ({@link AliasActions}). Every request must be signed (SigV4) with a
 * configured access key: {@link SigV4Verifier} checks it on the received bytes before anything else
 * reads them. Past a configured rate, an action is refused with {@code ThrottlingException} ({@link
 * ApiRateLimits}).
 *
 * <p>The same port serves the other instances' internal requests ({@code POST
 * /internal/v1/<Action>}, signed with the shared peer key, see {@link Peers}): reads of the
 * partitions this instance serves.
 */
public final class StepFunctionsHandler extends Handler.Abstract {

  private static final Logger log = LoggerFactory.getLogger(StepFunctionsHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /** A definition may be 1 MiB; the rest of a request is small. */
  private static final int MAX_BODY = DefinitionParser.MAX_DEFINITION_BYTES + 64 * 1024;

  /** A larger body is not read to its end before it is refused: the connection is closed. */
  private static final int DISCARD_LIMIT = 16 * 1024 * 1024;

  /** Internal requests are queries: small. */
  private static final int MAX_PEER_BODY = 64 * 1024;

  private final MachineActions machineActions;
  private final VersionActions versions;
  private final AliasActions aliases;
  private final ExecutionActions executions;
  private final ExecutionListings listings;
  private final TaskActions tasks;
  private final ActivityActions activityActions;
  private final TagActions tagActions;
  private final MapRunActions mapRunActions;
  private final TestStateAction testState;
  private final PeerSignatures peerSignatures;
  private final SigV4Verifier signatures;
  private final ApiRateLimits rateLimits;
  private final Executor executor;

  /**
   * What the API serves and checks requests with.
   *
   * @param machines the state machines
   * @param runtime the Standard runtime, whose stores answer reads
   * @param commands where commands to executions go
   * @param express runs Express executions
   * @param activityTopics creates the task topics of a new state machine's activities
   * @param executor where actions that wait for Kafka run
   * @param peers asks other instances for what their partitions hold
   * @param tokens checks the task tokens of task callbacks
   * @param activities the activities
   * @param polls GetActivityTask's long polls
   * @param tags the tags of state machines and activities
   * @param mapRuns the runs of Distributed Map states
   * @param signatures checks the SigV4 signatures of requests
   * @param rateLimits how many requests of each action it takes per second
   */
  public record Services(
      StateMachineRegistry machines,
      StandardRuntime runtime,
      CommandGateway commands,
      ExpressService express,
      ActivityTopics activityTopics,
      Executor executor,
      Peers peers,
      TaskTokens tokens,
      ActivityRegistry activities,
      ActivityPolls polls,
      TagCatalog tags,
      MapRunCatalog mapRuns,
      SigV4Verifier signatures,
      ApiRateLimits rateLimits) {}

  public StepFunctionsHandler(Services services) {
    StateMachineRegistry machines = services.machines();
    CommandGateway commands = services.commands();
    this.versions = new VersionActions(machines);
    this.aliases = new AliasActions(machines);
    this.tagActions =
        new TagActions(services.tags(), new TaggableResources(machines, services.activities()));
    this.activityActions =
        new ActivityActions(
            services.activities(),
            services.activityTopics(),
            services.polls(),
            commands,
            tagActions);
    this.machineActions =
        new MachineActions(machines, services.activityTopics(), versions, tagActions);
    this.executions =
        new ExecutionActions(
            machines, services.runtime(), commands, services.express(), services.peers());
    this.listings =
        new ExecutionListings(machines, services.runtime(), services.peers(), services.mapRuns());
    this.mapRunActions = new MapRunActions(services.mapRuns(), commands);
    this.tasks = new TaskActions(services.tokens(), commands);
    this.testState = new TestStateAction(machines);
    this.peerSignatures = services.peers().signatures();
    this.signatures = services.signatures();
    this.rateLimits = services.rateLimits();
    this.executor = services.executor();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      send(response, callback, 405, error("UnknownOperationException", "Use POST"));
      return true;
    }
    String path = Request.getPathInContext(request);
    if (path.startsWith(Peers.PATH)) {
      String action = path.substring(Peers.PATH.length());
      respond(
          action,
          response,
          callback,
          body(request, MAX_PEER_BODY)
              .thenApplyAsync(body -> answerPeer(action, request, body), executor));
      return true;
    }
    String target = Optional.ofNullable(request.getHeaders().get("X-Amz-Target")).orElse("");
    if (!target.startsWith(TARGET_PREFIX)) {
      send(
          response,
          callback,
          400,
          error("UnknownOperationException", "X-Amz-Target must be AWSStepFunctions.<Action>"));
      return true;
    }
    String action = target.substring(TARGET_PREFIX.length());
    respond(
        action,
        response,
        callback,
        body(request, MAX_BODY)
            .thenComposeAsync(
                body -> {
                  signatures.verify(received(request, body));
                  rateLimits.acquire(action);
                  return answer(action, body);
                },
                executor));
    return true;
  }

  private static SigV4Verifier.Received received(Request request, byte[] body) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
    }
    return new SigV4Verifier.Received(
        request.getMethod(),
        request.getHttpURI().getPath(),
        Optional.ofNullable(request.getHttpURI().getQuery()),
        headers,
        body);
  }

  /**
   * A request's body, refused with a {@code ValidationException} naming the limit when it is
   * larger. The rest of a larger body is still read, and dropped, up to {@link #DISCARD_LIMIT}, so
   * the client, still sending, gets the answer instead of a broken connection.
   */
  private static CompletableFuture<byte[]> body(Request request, int max) {
    if (request.getLength() > DISCARD_LIMIT) {
      return CompletableFuture.failedFuture(tooLarge(request.getLength(), max));
    }
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    new Runnable() {
      private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
      private long total;

      @Override
      public void run() {
        while (true) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            result.completeExceptionally(chunk.getFailure());
            return;
          }
          ByteBuffer bytes = chunk.getByteBuffer();
          int size = bytes.remaining();
          total += size;
          if (total <= max) {
            byte[] copy = new byte[size];
            bytes.get(copy);
            kept.write(copy, 0, size);
          }
          boolean last = chunk.isLast();
          chunk.release();
          if (total > DISCARD_LIMIT) {
            result.completeExceptionally(tooLarge(total, max));
            return;
          }
          if (last) {
            if (total > max) {
              result.completeExceptionally(tooLarge(total, max));
            } else {
              result.complete(kept.toByteArray());
            }
            return;
          }
        }
      }
    }.run();
    return result;
  }

  private static ApiException tooLarge(long length, int max) {
    return new ApiException(
        "ValidationException",
        "The request body"
            + (length < 0 ? "" : " of " + length + " bytes")
            + " is larger than the "
            + max
            + " bytes a request may have");
  }

  private static void respond(
      String action, Response response, Callback callback, CompletableFuture<JsonNode> answer) {
    answer.whenComplete(
        (body, failure) -> {
          if (failure == null) {
            send(response, callback, 200, body);
          } else {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            ApiException error = errorOf(action, cause);
            ObjectNode errorBody = error(error.type(), error.getMessage());
            error.details().forEach(errorBody::put);
            send(response, callback, error.status(), errorBody);
          }
        });
  }

  private JsonNode answerPeer(String action, Request request, byte[] body) {
    int partition =
        peerSignatures.verify(
            action,
            request.getHeaders().get(PeerSignatures.PARTITION),
            request.getHeaders().get(PeerSignatures.DATE),
            request.getHeaders().get(PeerSignatures.SIGNATURE),
            body);
    JsonNode input = json(body);
    return ExecutionListings.LIST_PARTITIONS.equals(action)
        ? listings.listPartitions(input)
        : executions.answerForPeer(action, partition, input);
  }

  private static JsonNode json(byte[] body) {
    JsonNode input;
    try {
      input = JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiException("SerializationException", "The request is not JSON: " + e);
    }
    if (input == null || !input.isObject()) {
      throw new ApiException("SerializationException", "The request must be a JSON object");
    }
    return input;
  }

  private CompletableFuture<JsonNode> answer(String action, byte[] body) {
    JsonNode input = json(body);
    return switch (action) {
      case "CreateStateMachine" -> completedFuture(machineActions.create(input));
      case "DescribeStateMachine" -> completedFuture(machineActions.describe(input));
      case "ListStateMachines" -> completedFuture(machineActions.list(input));
      case "UpdateStateMachine" -> completedFuture(machineActions.update(input));
      case "DeleteStateMachine" -> completedFuture(machineActions.delete(input));
      case "ValidateStateMachineDefinition" -> completedFuture(machineActions.validate(input));
      case "PublishStateMachineVersion" -> completedFuture(versions.publish(input));
      case "ListStateMachineVersions" -> completedFuture(versions.list(input));
      case "DeleteStateMachineVersion" -> completedFuture(versions.delete(input));
      case "CreateStateMachineAlias" -> completedFuture(aliases.create(input));
      case "DescribeStateMachineAlias" -> completedFuture(aliases.describe(input));
      case "ListStateMachineAliases" -> completedFuture(aliases.list(input));
      case "UpdateStateMachineAlias" -> completedFuture(aliases.update(input));
      case "DeleteStateMachineAlias" -> completedFuture(aliases.delete(input));
      case "StartExecution" -> executions.start(input);
      case "StartSyncExecution" -> executions.startSync(input);
      case "StopExecution" -> executions.stop(input);
      case "RedriveExecution" -> executions.redrive(input);
      case ExecutionActions.DESCRIBE -> executions.describe(input);
      case ExecutionActions.HISTORY -> executions.history(input);
      case ExecutionActions.MACHINE_FOR -> executions.machineFor(input);
      case ExecutionListings.LIST -> listings.list(input);
      case "SendTaskSuccess" -> tasks.success(input);
      case "SendTaskFailure" -> tasks.failure(input);
      case "SendTaskHeartbeat" -> tasks.heartbeat(input);
      case "CreateActivity" -> completedFuture(activityActions.create(input));
      case "DescribeActivity" -> completedFuture(activityActions.describe(input));
      case "ListActivities" -> completedFuture(activityActions.list(input));
      case "DeleteActivity" -> completedFuture(activityActions.delete(input));
      case "GetActivityTask" -> activityActions.getTask(input);
      case "TagResource" -> completedFuture(tagActions.tag(input));
      case "UntagResource" -> completedFuture(tagActions.untag(input));
      case "ListTagsForResource" -> completedFuture(tagActions.list(input));
      case "TestState" -> completedFuture(testState.test(input));
      case "DescribeMapRun" -> completedFuture(mapRunActions.describe(input));
      case "ListMapRuns" -> completedFuture(mapRunActions.list(input));
      case "UpdateMapRun" -> mapRunActions.update(input);
      default ->
          throw new ApiException(
              "UnknownOperationException", "The action " + action + " is not supported yet");
    };
  }

  private static ApiException errorOf(String action, Throwable failure) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof InvalidDefinitionException invalid) {
      return new ApiException("InvalidDefinition", invalid.getMessage());
    }
    if (failure instanceof StateMachineAlreadyExistsException exists) {
      return new ApiException("StateMachineAlreadyExists", exists.getMessage());
    }
    if (failure instanceof InvalidNameException invalid) {
      return new ApiException("InvalidName", invalid.getMessage());
    }
    if (failure instanceof RuntimeUnavailableException unavailable) {
      return new ApiException("ServiceUnavailable", unavailable.getMessage(), 503);
    }
    if (failure instanceof TimeoutException) {
      return new ApiException(
          "ServiceUnavailable",
          action
              + ": the Standard runtime gave no verdict in time; try again (the command may"
              + " have been applied)",
          503);
    }
    log.error("{} failed", action, failure);
    return new ApiException("ServiceException", action + " failed: " + failure.getMessage(), 500);
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    return body;
  }

  private static void send(Response response, Callback callback, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
