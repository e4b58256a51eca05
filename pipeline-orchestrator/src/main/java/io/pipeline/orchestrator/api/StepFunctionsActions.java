package io.pipeline.orchestrator.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.client.CommandGateway;
import io.pipeline.orchestrator.activities.ActivityPolls;
import io.pipeline.orchestrator.express.ExpressService;
import io.pipeline.orchestrator.machines.ActivityRegistry;
import io.pipeline.orchestrator.machines.MapRunCatalog;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.orchestrator.machines.TagCatalog;
import io.pipeline.orchestrator.runtime.ActivityTopics;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import io.pipeline.orchestrator.runtime.WaitingTasks;
import io.pipeline.orchestrator.task.TaskTokens;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Step Functions' actions, by name: the one table both doors to them share, the SigV4-signed API
 * ({@link StepFunctionsHandler}) and the console's session-checked bridge. A caller has
 * authenticated the request; {@link #answer} takes one request of the action from {@link
 * ApiRateLimits}, reads the JSON body and runs the action.
 *
 * <p>Actions so far: CreateStateMachine, DescribeStateMachine, ListStateMachines,
 * UpdateStateMachine, DeleteStateMachine, ValidateStateMachineDefinition,
 * DescribeStateMachineForExecution, StartExecution, StartSyncExecution, StopExecution,
 * RedriveExecution, DescribeExecution, GetExecutionHistory, ListExecutions, SendTaskSuccess,
 * SendTaskFailure, SendTaskHeartbeat, CreateActivity, DescribeActivity, ListActivities,
 * DeleteActivity, GetActivityTask, TagResource, UntagResource, ListTagsForResource, TestState,
 * DescribeMapRun, ListMapRuns, UpdateMapRun; versions ({@link VersionActions}) and aliases ({@link
 * AliasActions}).
 */
public final class StepFunctionsActions {

  private static final ObjectMapper JSON = new ObjectMapper();

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
  private final WaitingTaskListings waitingTasks;
  private final PeerSignatures peerSignatures;
  private final ApiRateLimits rateLimits;
  private final Executor executor;

  /**
   * What the actions run on.
   *
   * @param machines the state machines
   * @param runtime the Standard runtime, whose stores answer reads
   * @param commands where commands to executions go
   * @param express runs Express executions
   * @param activityTopics creates the task topics of a new state machine's activities
   * @param executor where actions that wait for Kafka run, never on the HTTP server's threads
   * @param peers asks other instances for what their partitions hold
   * @param tokens checks the task tokens of task callbacks
   * @param activities the activities
   * @param polls GetActivityTask's long polls
   * @param tags the tags of state machines and activities
   * @param mapRuns the runs of Distributed Map states
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
      ApiRateLimits rateLimits) {}

  public StepFunctionsActions(Services services) {
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
    this.waitingTasks =
        new WaitingTaskListings(
            services.runtime(),
            new WaitingTasks(services.runtime(), services.tokens()),
            services.peers(),
            services.rateLimits());
    this.peerSignatures = services.peers().signatures();
    this.rateLimits = services.rateLimits();
    this.executor = services.executor();
  }

  /** Where the actions run: a request's work goes there, off the HTTP server's threads. */
  public Executor executor() {
    return executor;
  }

  /**
   * Runs an action on a request's body, as Step Functions answers it.
   *
   * @param action the action's name, e.g. {@code DescribeStateMachine}
   * @param body the request's JSON
   * @return the answer; failed with an exception {@link ApiExchange} turns into Step Functions'
   *     error, e.g. {@code ThrottlingException} past the action's rate
   */
  public CompletableFuture<JsonNode> answer(String action, byte[] body) {
    rateLimits.acquire(action);
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

  /**
   * The console's listing of the tasks waiting for a callback: not one of Step Functions' actions,
   * so {@link #answer} does not run it (see {@link WaitingTaskListings} for why).
   */
  public WaitingTaskListings waitingTasks() {
    return waitingTasks;
  }

  /** Checks the signatures of the other instances' internal requests. */
  PeerSignatures peerSignatures() {
    return peerSignatures;
  }

  /** Answers another instance's internal request for what this one's partitions hold. */
  JsonNode answerPeer(String action, int partition, byte[] body) {
    JsonNode input = json(body);
    return switch (action) {
      case ExecutionListings.LIST_PARTITIONS -> listings.listPartitions(input);
      case WaitingTaskListings.LIST_PARTITIONS -> waitingTasks.listPartitions(input);
      default -> executions.answerForPeer(action, partition, input);
    };
  }

  /** A request's JSON object, or the SerializationException Step Functions answers. */
  static JsonNode json(byte[] body) {
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
}
