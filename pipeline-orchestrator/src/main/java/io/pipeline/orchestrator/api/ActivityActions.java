package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.CommandGateway;
import io.pipeline.orchestrator.activities.ActivityPolls;
import io.pipeline.orchestrator.machines.ActivityRegistry;
import io.pipeline.orchestrator.runtime.ActivityTopics;
import io.pipeline.schemas.orchestrator.ActivityRecord;
import io.pipeline.schemas.orchestrator.TaskStarted;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The activity actions: CreateActivity, DescribeActivity, ListActivities, DeleteActivity and
 * GetActivityTask, whose long poll holds no thread while it waits ({@link ActivityPolls}).
 */
final class ActivityActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern ACTIVITY_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:activity:[^:]{1,80}");

  private static final int MAX_WORKER_NAME = 80;

  private final ActivityRegistry activities;
  private final ActivityTopics activityTopics;
  private final ActivityPolls polls;
  private final CommandGateway commands;
  private final TagActions tags;
  private final ArnPages<ActivityRecord> pages =
      new ArnPages<>("activities", ActivityRecord::getArn);

  ActivityActions(
      ActivityRegistry activities,
      ActivityTopics activityTopics,
      ActivityPolls polls,
      CommandGateway commands,
      TagActions tags) {
    this.activities = activities;
    this.activityTopics = activityTopics;
    this.polls = polls;
    this.commands = commands;
    this.tags = tags;
  }

  /** CreateActivity: the task topic first, so a poll or a task never finds it missing. */
  JsonNode create(JsonNode input) {
    String name = Fields.required(input, "name");
    String arn = activities.arnOf(name);
    Map<String, String> requested = TagActions.requested(input, arn);
    activityTopics.ensure(name);
    ActivityRecord activity = activities.create(name);
    tags.created(activity.getArn(), activity.getCreatedAt(), requested);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("activityArn", activity.getArn());
    answer.put("creationDate", Fields.epochSeconds(activity.getCreatedAt()));
    return answer;
  }

  JsonNode describe(JsonNode input) {
    return item(existing(Fields.required(input, "activityArn")));
  }

  /** ListActivities: in ARN order, paged. */
  JsonNode list(JsonNode input) {
    ArnPages.Page<ActivityRecord> page = pages.page(activities.list(), input);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode listed = answer.putArray("activities");
    page.items().forEach(activity -> listed.add(item(activity)));
    page.nextToken().ifPresent(token -> answer.put("nextToken", token));
    return answer;
  }

  /** DeleteActivity: the activity and its tags go; deleting a missing one is no error. */
  JsonNode delete(JsonNode input) {
    String arn = activityArn(input);
    activities.delete(arn);
    tags.deleted(arn);
    return JSON.createObjectNode();
  }

  /**
   * GetActivityTask: the next task of the activity, or, after the poll timeout, an answer without
   * one. The task's start goes to its execution's history with the worker's name, as the worker
   * library records it.
   */
  CompletableFuture<JsonNode> getTask(JsonNode input) {
    ActivityRecord activity = existing(Fields.required(input, "activityArn"));
    Optional<String> worker = Fields.optional(input, "workerName");
    if (worker.isPresent() && worker.get().length() > MAX_WORKER_NAME) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value at 'workerName' failed to satisfy constraint: Member"
              + " must have length less than or equal to "
              + MAX_WORKER_NAME);
    }
    CompletableFuture<Optional<io.pipeline.orchestrator.activities.PolledTask>> poll;
    try {
      poll = polls.poll(activity.getName());
    } catch (ActivityPolls.TooManyPollsException e) {
      throw new ApiException("ActivityWorkerLimitExceeded", e.getMessage());
    }
    return poll.thenApply(
        task -> {
          ObjectNode answer = JSON.createObjectNode();
          task.ifPresent(
              t -> {
                commands.submit(
                    t.executionArn(), new TaskStarted(t.taskToken(), worker.orElse(null)));
                answer.put("taskToken", t.taskToken());
                answer.put("input", t.input());
              });
          return answer;
        });
  }

  private static ObjectNode item(ActivityRecord activity) {
    ObjectNode item = JSON.createObjectNode();
    item.put("activityArn", activity.getArn());
    item.put("name", activity.getName());
    item.put("creationDate", Fields.epochSeconds(activity.getCreatedAt()));
    return item;
  }

  private ActivityRecord existing(String arn) {
    checkArn(arn);
    return activities
        .describe(arn)
        .orElseThrow(
            () ->
                new ApiException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'"));
  }

  private static String activityArn(JsonNode input) {
    return checkArn(Fields.required(input, "activityArn"));
  }

  private static String checkArn(String arn) {
    if (!ACTIVITY_ARN.matcher(arn).matches()) {
      throw new ApiException(
          "InvalidArn", "Invalid Arn: '" + arn + "' is not the ARN of an activity");
    }
    return arn;
  }
}
