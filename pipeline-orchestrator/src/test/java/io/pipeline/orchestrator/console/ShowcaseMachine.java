package io.pipeline.orchestrator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The state machine the executions' browser tests run, with its activity's worker: a Choice sends
 * {@code "mode": "work"} through an activity Task, a Parallel and a Map of activity Tasks to
 * Succeed, and {@code "mode": "trouble"} through a Task that fails once and is retried, then one
 * whose failure a Catch takes to a Fail state. The Task {@code Work} answers only once the test
 * {@linkplain #release releases} its execution when the input says {@code "hold": true}.
 */
final class ShowcaseMachine implements AutoCloseable {

  /** The node ids of the graph: the states' JSON Pointers. */
  static final String ROUTE = "/States/Route";

  static final String WORK = "/States/Work";
  static final String FAN = "/States/Fan";
  static final String LEFT = "/States/Fan/Branches/0/States/Left";
  static final String RIGHT = "/States/Fan/Branches/1/States/Right";
  static final String EACH = "/States/Each";
  static final String STORE = "/States/Each/ItemProcessor/States/Store";
  static final String DONE = "/States/Done";
  static final String SHAKY = "/States/Shaky";
  static final String GUARD = "/States/Guard";
  static final String GIVE_UP = "/States/Give up";

  private final ActivityWorker worker;
  private final String machineArn;
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private final Set<String> shaken = ConcurrentHashMap.newKeySet();

  private ShowcaseMachine(KafkaSettings kafka, String activity, String machineArn) {
    this.machineArn = machineArn;
    this.worker = ActivityWorker.builder(kafka, activity).concurrency(8).start(this::work);
  }

  /**
   * Creates an activity and the state machine on it, and starts the activity's worker.
   *
   * @param name the state machine's name, made unique
   */
  static ShowcaseMachine deploy(OrchestratorFixture orchestrator, String name) {
    String activity = LocalStack.uniqueName("console-" + name);
    String activityArn = orchestrator.sfn().createActivity(b -> b.name(activity)).activityArn();
    String machineArn = orchestrator.createMachine(name, definition(activityArn));
    return new ShowcaseMachine(orchestrator.kafka(), activity, machineArn);
  }

  /** The state machine's ARN. */
  String machineArn() {
    return machineArn;
  }

  /** The definition, its Tasks on this activity. */
  private static String definition(String activityArn) {
    return """
        {
          "Comment": "The console's executions: live, failed, caught, retried, stopped",
          "StartAt": "Route",
          "States": {
            "Route": {
              "Type": "Choice",
              "Choices": [{"Variable": "$.mode", "StringEquals": "trouble", "Next": "Shaky"}],
              "Default": "Work"
            },
            "Work": {
              "Type": "Task", "Resource": "%1$s",
              "Parameters": {"op": "work", "input.$": "$"}, "ResultPath": "$.work", "Next": "Fan"
            },
            "Fan": {
              "Type": "Parallel", "ResultPath": "$.fan", "Next": "Each",
              "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Task", "Resource": "%1$s",
                  "Parameters": {"op": "store", "n": 0}, "End": true}}}
              ]
            },
            "Each": {
              "Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.stored", "Next": "Done",
              "ItemSelector": {"op": "store", "n.$": "$$.Map.Item.Value"},
              "ItemProcessor": {"StartAt": "Store", "States": {
                "Store": {"Type": "Task", "Resource": "%1$s", "End": true}}}
            },
            "Done": {"Type": "Succeed"},
            "Shaky": {
              "Type": "Task", "Resource": "%1$s", "Parameters": {"op": "shaky"},
              "Retry": [{"ErrorEquals": ["Custom.Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2}],
              "ResultPath": "$.shaky", "Next": "Guard"
            },
            "Guard": {
              "Type": "Task", "Resource": "%1$s", "Parameters": {"op": "guard"},
              "Catch": [{"ErrorEquals": ["Custom.Fatal"], "ResultPath": "$.error",
                "Next": "Give up"}],
              "End": true
            },
            "Give up": {"Type": "Fail", "Error": "GaveUp", "Cause": "Guard refused"}
          }
        }
        """
        .formatted(activityArn);
  }

  private JsonNode work(ActivityTask task) throws Exception {
    JsonNode input = task.input();
    switch (input.path("op").asText()) {
      case "work" -> {
        if (input.path("input").path("hold").asBoolean(false)
            && !latch(task.executionArn()).await(2, TimeUnit.MINUTES)) {
          throw new TaskFailedException("Test.NotReleased", "the test never released it");
        }
        return JsonNodeFactory.instance.objectNode().put("worked", true);
      }
      case "store" -> {
        return IntNode.valueOf(input.path("n").asInt() * 2);
      }
      case "shaky" -> {
        if (shaken.add(task.executionArn())) {
          throw new TaskFailedException("Custom.Flaky", "the first attempt fails");
        }
        return IntNode.valueOf(1);
      }
      default -> throw new TaskFailedException("Custom.Fatal", "the guard refuses");
    }
  }

  private CountDownLatch latch(String executionArn) {
    return holds.computeIfAbsent(executionArn, arn -> new CountDownLatch(1));
  }

  /** Lets the held Task of an execution answer. */
  void release(String executionArn) {
    latch(executionArn).countDown();
  }

  @Override
  public void close() {
    holds.values().forEach(CountDownLatch::countDown);
    worker.close();
  }
}
