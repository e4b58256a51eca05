package io.pipeline.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.orchestrator.machines.ExecutionTarget;
import io.pipeline.schemas.orchestrator.CommandReply;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.StopExecution;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import io.pipeline.schemas.orchestrator.TimerFired;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's topology without a broker: commands in, stores, history, verdicts, task requests
 * and follow-up commands out, wall-clock time driven by the test.
 */
class RuntimeTopologyTest {

  private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
  private static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:work";
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

  private final PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
  private final Map<String, StateMachineRecord> revisions = new HashMap<>();
  private TopologyTestDriver driver;
  private TestInputTopic<String, ExecutionCommand> commands;
  private TestOutputTopic<String, CommandReply> replies;
  private TestOutputTopic<String, ExecutionHistoryBatch> history;
  private TestOutputTopic<String, TaskRequest> tasks;
  private KeyValueStore<String, ExecutionRecord> executions;
  private int requests;

  @BeforeEach
  void start() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "runtime-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    RuntimeConfig runtime = RuntimeConfig.local("runtime-test", "unused");
    driver =
        new TopologyTestDriver(
            RuntimeTopology.build(
                topics,
                SchemaCatalog.builtIn(),
                new Definitions(
                    (arn, revision) -> Optional.ofNullable(revisions.get(arn + ":" + revision)),
                    Duration.ZERO),
                runtime.taskTokens(),
                Duration.ofHours(1),
                Duration.ofMillis(100),
                new RuntimeMetrics(new SimpleMeterRegistry()),
                new TaskRoutes(
                    resource -> resource.startsWith("arn:aws:states:::http:"),
                    topic -> topic.equals("orders"),
                    arn ->
                        Optional.ofNullable(revisions.get(arn + ":r1"))
                            .map(ExecutionTarget::current))),
            config,
            T0);
    commands =
        driver.createInputTopic(
            topics.executionCommands().name(),
            new StringSerializer(),
            topics.executionCommands().valueSerde().serializer());
    replies =
        driver.createOutputTopic(
            topics.commandReplies().name(),
            new StringDeserializer(),
            topics.commandReplies().valueSerde().deserializer());
    history =
        driver.createOutputTopic(
            topics.executionHistory().name(),
            new StringDeserializer(),
            topics.executionHistory().valueSerde().deserializer());
    tasks =
        driver.createOutputTopic(
            topics.activity("work").name(),
            new StringDeserializer(),
            topics.activity("work").valueSerde().deserializer());
    executions = driver.getKeyValueStore(RuntimeTopology.EXECUTIONS_STORE);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void define(String definition) {
    revisions.put(
        MACHINE + ":r1",
        new StateMachineRecord(
            MACHINE,
            "m",
            "STANDARD",
            definition,
            "arn:aws:iam::000000000000:role/r",
            "r1",
            null,
            T0,
            T0,
            "OFF",
            false));
  }

  private static String execution(String name) {
    return "arn:aws:states:us-east-1:000000000000:execution:m:" + name;
  }

  private CommandReply send(String name, Object body) {
    String requestId = "request-" + ++requests;
    commands.pipeInput(execution(name), new ExecutionCommand(execution(name), requestId, T0, body));
    return replies.readValuesToList().stream()
        .filter(r -> r.getRequestId().equals(requestId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verdict for " + requestId));
  }

  /** The history events sent since the last read, out of their batches. */
  private List<ExecutionHistoryEvent> historyEvents() {
    return history.readValuesToList().stream()
        .flatMap(batch -> batch.getEvents().stream())
        .toList();
  }

  private static StartExecution start(String name, String input) {
    return new StartExecution(
        MACHINE, "r1", name, input, null, null, null, null, null, null, null, null);
  }

  @Test
  void shouldWaitInTheTimerStoreAndGoOnWhenTheWallClockReachesTheTimer() {
    define(
        """
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}}
        """);

    CommandReply started = send("a", start("a", "{\"x\": 1}"));

    assertThat(started.getError()).isNull();
    assertThat(executions.get(execution("a")).getStatus()).isEqualTo("RUNNING");
    driver.advanceWallClockTime(Duration.ofSeconds(29));
    assertThat(executions.get(execution("a")).getStatus()).isEqualTo("RUNNING");
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    ExecutionRecord done = executions.get(execution("a"));
    assertThat(done.getStatus()).isEqualTo("SUCCEEDED");
    assertThat(done.getOutput()).isEqualTo("{\"x\":1}");
    assertThat(done.getSnapshot()).isNull();
    List<ExecutionHistoryBatch> batches = history.readValuesToList();
    assertThat(batches)
        .as("a record for each command's events")
        .extracting(batch -> batch.getEvents().stream().map(ExecutionHistoryEvent::getId).toList())
        .containsExactly(List.of(1L, 2L), List.of(3L, 4L));
    List<ExecutionHistoryEvent> events =
        batches.stream().flatMap(batch -> batch.getEvents().stream()).toList();
    assertThat(events.get(0).getType()).isEqualTo("ExecutionStarted");
    assertThat(events.get(3).getType()).isEqualTo("ExecutionSucceeded");
    assertThat(done.getHistoryEvents()).isEqualTo(4);
    TestOutputTopic<String, String> statusChanges =
        driver.createOutputTopic(
            topics.executionStatusChanges().name(),
            new StringDeserializer(),
            new StringDeserializer());
    List<JsonNode> changes =
        statusChanges.readValuesToList().stream().map(RuntimeTopologyTest::json).toList();
    assertThat(changes)
        .extracting(c -> c.at("/detail/status").asText())
        .containsExactly("RUNNING", "SUCCEEDED");
    assertThat(changes.get(1).get("detail-type").asText())
        .isEqualTo("Step Functions Execution Status Change");
    assertThat(changes.get(1).get("source").asText()).isEqualTo("aws.states");
    assertThat(changes.get(1).get("resources").get(0).asText()).isEqualTo(execution("a"));
    assertThat(changes.get(1).at("/detail/output").asText()).isEqualTo("{\"x\":1}");
    assertThat(changes.get(1).at("/detail/stopDate").asLong())
        .isEqualTo(T0.plusSeconds(31).toEpochMilli());
    assertThat(changes.get(0).at("/detail/stopDate").isNull()).isTrue();
  }

  private static JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldAnswerTheSameStartWithTheExecutionAndAnotherInputWithAlreadyExists() {
    define(
        """
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}}
        """);

    CommandReply first = send("b", start("b", "{\"x\": 1}"));
    CommandReply same = send("b", start("b", "{ \"x\" : 1 }"));
    CommandReply other = send("b", start("b", "{\"x\": 2}"));
    CommandReply unknown =
        send(
            "c",
            new StartExecution(
                MACHINE, "r9", "c", "{}", null, null, null, null, null, null, null, null));

    assertThat(same.getError()).isNull();
    assertThat(same.getStartDate()).isEqualTo(first.getStartDate());
    assertThat(other.getError()).isEqualTo("ExecutionAlreadyExists");
    assertThat(unknown.getError()).isEqualTo("StateMachineDoesNotExist");
    assertThat(historyEvents()).hasSize(2); // one start only: Started, WaitEntered
  }

  @Test
  void shouldSendCallsOfAnIntegrationToTheRunnerAndFailOthersAtOnce() {
    define(
        """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "Next": "Other",
            "Parameters": {"ApiEndpoint": "http://localhost:1/x", "Method": "GET"},
            "ResultPath": "$.called"},
          "Other": {"Type": "Task", "Resource": "arn:aws:states:::nothing:serves", "End": true,
            "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error",
              "Next": "Done"}]},
          "Done": {"Type": "Succeed"}}}
        """);
    TestOutputTopic<String, TaskRequest> integrationTasks =
        driver.createOutputTopic(
            topics.integrationTasks().name(),
            new StringDeserializer(),
            topics.integrationTasks().valueSerde().deserializer());

    send("i", start("i", "{}"));
    List<TaskRequest> calls = integrationTasks.readValuesToList();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).getActivityArn()).isEqualTo("arn:aws:states:::http:invoke");
    assertThat(calls.get(0).getInput())
        .isEqualTo("{\"ApiEndpoint\":\"http://localhost:1/x\",\"Method\":\"GET\"}");
    assertThat(tasks.readValuesToList()).isEmpty();
    send("i", new TaskSucceeded(calls.get(0).getTaskToken(), "{\"StatusCode\": 200}"));

    ExecutionRecord done = executions.get(execution("i"));
    assertThat(done.getStatus()).isEqualTo("SUCCEEDED");
    assertThat(done.getOutput()).contains("\"called\":{\"StatusCode\":200}");
    assertThat(done.getOutput()).contains("is not an activity nor one of this orchestrator's");
    assertThat(integrationTasks.readValuesToList()).isEmpty();
  }

  @Test
  void shouldProduceARecordInTheTransactionOfTheTransitionAndRefuseTopicsItMayNotWrite() {
    define(
        """
        {"StartAt": "Order", "States": {
          "Order": {"Type": "Task", "Resource": "arn:aws:states:::kafka:produce",
            "Parameters": {"Topic": "orders", "Key.$": "$.id", "Value": {"total.$": "$.total"},
              "Headers": {"source": "pipeline"}},
            "ResultPath": "$.produced", "Next": "Missing"},
          "Missing": {"Type": "Task", "Resource": "arn:aws:states:::kafka:produce",
            "Parameters": {"Topic": "nope", "Value": "x"}, "ResultPath": "$.missing",
            "Catch": [{"ErrorEquals": ["Kafka.UnknownTopicOrPartitionException"],
              "ResultPath": "$.missing", "Next": "Internal"}], "End": true},
          "Internal": {"Type": "Task", "Resource": "arn:aws:states:::kafka:produce",
            "Parameters": {"Topic": "pipeline.orchestrator.commands", "Value": "x"},
            "Catch": [{"ErrorEquals": ["Kafka.InvalidTopicException"], "ResultPath": "$.internal",
              "Next": "Done"}], "End": true},
          "Done": {"Type": "Succeed"}}}
        """);
    TestOutputTopic<String, String> orders =
        driver.createOutputTopic("orders", new StringDeserializer(), new StringDeserializer());

    send("p", start("p", "{\"id\": \"o-1\", \"total\": 42}"));

    var produced = orders.readRecordsToList();
    assertThat(produced).hasSize(1);
    assertThat(produced.get(0).key()).isEqualTo("o-1");
    assertThat(produced.get(0).value()).isEqualTo("{\"total\":42}");
    assertThat(new String(produced.get(0).headers().lastHeader("source").value()))
        .isEqualTo("pipeline");
    String output = executions.get(execution("p")).getOutput();
    assertThat(output).contains("\"produced\":{\"Topic\":\"orders\",\"Key\":\"o-1\"}");
    assertThat(output).contains("The topic 'nope' does not exist");
    assertThat(output).contains("is the pipeline's own");
    assertThat(executions.get(execution("p")).getStatus()).isEqualTo("SUCCEEDED");
  }

  @Test
  void shouldPassTheSignedTokenToAProduceThatWaitsForItsCallback() {
    define(
        """
        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
          "Resource": "arn:aws:states:::kafka:produce.waitForTaskToken",
          "Parameters": {"Topic": "orders", "Value": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """);
    TestOutputTopic<String, String> orders =
        driver.createOutputTopic("orders", new StringDeserializer(), new StringDeserializer());

    send("w", start("w", "{}"));
    String value = orders.readValue();
    String token = value.substring("{\"token\":\"".length(), value.length() - 2);
    assertThat(token).doesNotContain(execution("w"));
    assertThat(executions.get(execution("w")).getStatus()).isEqualTo("RUNNING");
    CommandReply answered = send("w", new TaskSucceeded(token, "{\"approved\": true}"));

    assertThat(answered.getError()).isNull();
    assertThat(executions.get(execution("w")).getOutput()).isEqualTo("{\"approved\":true}");
  }

  @Test
  void shouldRunANestedExecutionAndGiveItsResultToTheParentThatWaitsForIt() {
    define(
        """
        {"StartAt": "Deep?", "States": {
          "Deep?": {"Type": "Choice", "Default": "Leaf",
            "Choices": [{"Variable": "$.depth", "NumericEquals": 0, "Next": "Child"}]},
          "Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Parameters": {"StateMachineArn": "%s", "Name": "child",
              "Input": {"depth": 1, "from.$": "$$.Execution.Id"}},
            "ResultSelector": {"out.$": "$.Output", "status.$": "$.Status"}, "End": true},
          "Leaf": {"Type": "Pass", "End": true,
            "Parameters": {"from.$": "$.from", "by.$": "$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"}}}}
        """
            .formatted(MACHINE));

    send("parent", start("parent", "{\"depth\": 0}"));

    ExecutionRecord child = executions.get(execution("child"));
    assertThat(child.getStatus()).isEqualTo("SUCCEEDED");
    assertThat(child.getParentExecutionArn()).isEqualTo(execution("parent"));
    ExecutionRecord parent = executions.get(execution("parent"));
    assertThat(parent.getStatus()).isEqualTo("SUCCEEDED");
    assertThat(parent.getOutput())
        .isEqualTo(
            "{\"out\":{\"from\":\"%1$s\",\"by\":\"%1$s\"},\"status\":\"SUCCEEDED\"}"
                .formatted(execution("parent")));
  }

  @Test
  void shouldAnswerAParentThatWaitsForTheStartOnlyAndFailOneWhoseChildCannotStart() {
    define(
        """
        {"StartAt": "Start", "States": {
          "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
            "Parameters": {"StateMachineArn": "%s", "Name.$": "$.child",
              "Input": {"hold": true}},
            "Catch": [{"ErrorEquals": ["StepFunctions.ExecutionAlreadyExistsException"],
              "ResultPath": "$.refused", "Next": "Refused"}],
            "End": true},
          "Refused": {"Type": "Pass", "End": true}}}
        """
            .formatted(MACHINE));

    send("first", start("first", "{\"child\": \"kid\"}"));
    send("second", start("second", "{\"child\": \"first\"}"));

    assertThat(executions.get(execution("first")).getOutput())
        .startsWith("{\"ExecutionArn\":\"" + execution("kid") + "\",\"StartDate\":");
    assertThat(executions.get(execution("second")).getOutput())
        .contains("StepFunctions.ExecutionAlreadyExistsException")
        .contains("Execution Already Exists");
  }

  @Test
  void shouldApplyATaskResultOnceAndRefuseLateAndForgedOnes() {
    define(
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}
        """
            .formatted(ACTIVITY));

    send("d", start("d", "{\"n\": 1}"));
    List<TaskRequest> requested = tasks.readValuesToList();
    assertThat(requested).hasSize(1);
    String token = requested.get(0).getTaskToken();
    assertThat(token).doesNotContain(execution("d")); // signed and encoded, not the engine's id
    CommandReply applied = send("d", new TaskSucceeded(token, "{\"ok\": true}"));
    CommandReply late = send("d", new TaskSucceeded(token, "{\"ok\": false}"));
    CommandReply forged =
        send("d", new TaskSucceeded(token.substring(0, token.length() - 2), "{}"));

    assertThat(applied.getError()).isNull();
    assertThat(late.getError()).isEqualTo("TaskTimedOut");
    assertThat(forged.getError()).isEqualTo("InvalidToken");
    assertThat(executions.get(execution("d")).getOutput()).isEqualTo("{\"ok\":true}");
    assertThat(executions.get(execution("d")).getOpenTasks()).isEmpty();
  }

  @Test
  void shouldGoOnFromTheStoredStateWhenTheStoreWasRolledBackBehindTheLiveExecution() {
    // given an execution waiting for its task, and its stored record at that point
    define(
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}
        """
            .formatted(ACTIVITY));
    send("r", start("r", "{}"));
    String token = tasks.readValuesToList().get(0).getTaskToken();
    ExecutionRecord beforeStart = executions.get(execution("r"));
    send("r", new io.pipeline.schemas.orchestrator.TaskStarted(token, "worker-1"));
    historyEvents();

    // when the store goes back to the earlier record (an aborted transaction's rollback) while the
    // processor still has the later state in memory, and the result comes
    executions.put(execution("r"), beforeStart);
    CommandReply applied = send("r", new TaskSucceeded(token, "{\"ok\": true}"));

    // then the store's state is what goes on: the events follow the stored ones
    List<ExecutionHistoryEvent> events = historyEvents();
    assertThat(applied.getError()).isNull();
    assertThat(events.get(0).getType()).isEqualTo("ActivitySucceeded");
    assertThat(events.get(0).getId()).isEqualTo(beforeStart.getHistoryEvents() + 1);
    assertThat(executions.get(execution("r")).getStatus()).isEqualTo("SUCCEEDED");
  }

  @Test
  void shouldTimeOutATaskAndThenTheExecutionOnTheWallClock() {
    define(
        """
        {"StartAt": "T", "TimeoutSeconds": 60, "States": {
          "T": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 10, "Next": "W",
            "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "W"}]},
          "W": {"Type": "Wait", "Seconds": 3600, "End": true}}}
        """
            .formatted(ACTIVITY));

    send("t", start("t", "{}"));
    driver.advanceWallClockTime(Duration.ofSeconds(11));
    List<String> afterTask = historyEvents().stream().map(ExecutionHistoryEvent::getType).toList();
    driver.advanceWallClockTime(Duration.ofSeconds(50));

    assertThat(afterTask).contains("ActivityTimedOut", "WaitStateEntered");
    ExecutionRecord timedOut = executions.get(execution("t"));
    assertThat(timedOut.getStatus()).isEqualTo("TIMED_OUT");
    assertThat(timedOut.getError()).isEqualTo("States.Timeout");
    assertThat(timedOut.getOpenTasks()).isEmpty();
  }

  @Test
  void shouldStopARunningExecutionAndForgetItAfterTheRetention() {
    define(
        """
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": true}}}
        """);
    send("e", start("e", "{}"));

    CommandReply stopped = send("e", new StopExecution("Operator", "no longer needed"));
    CommandReply again = send("e", new StopExecution(null, null));

    assertThat(stopped.getError()).isNull();
    assertThat(again.getError()).isNull();
    assertThat(executions.get(execution("e")).getStatus()).isEqualTo("ABORTED");
    assertThat(executions.get(execution("e")).getError()).isEqualTo("Operator");
    KeyValueStore<Bytes, ExecutionHistoryBatch> kept =
        driver.getKeyValueStore(RuntimeTopology.HISTORY_STORE);
    driver.advanceWallClockTime(Duration.ofMinutes(59));
    assertThat(executions.get(execution("e"))).isNotNull();
    assertThat(HistoryBatches.page(kept, execution("e"), 0, 100, false))
        .extracting(ExecutionHistoryEvent::getType)
        .containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionAborted");
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(executions.get(execution("e"))).isNull();
    assertThat(HistoryBatches.page(kept, execution("e"), 0, 100, false)).isEmpty();
    assertThat(send("e", start("e", "{}")).getError()).as("the name is free again").isNull();
  }

  @Test
  void shouldRunALongLoopAsManyBoundedCommandsSentToItself() {
    define(
        """
        {"StartAt": "Count", "States": {
          "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"},
            "Next": "More"},
          "More": {"Type": "Choice", "Default": "Done", "Choices": [
            {"Variable": "$.n", "NumericLessThan": 2000, "Next": "Count"}]},
          "Done": {"Type": "Succeed"}}}
        """);

    send("f", start("f", "{\"n\": 0}"));

    ExecutionRecord done = executions.get(execution("f"));
    assertThat(done.getStatus()).isEqualTo("SUCCEEDED");
    assertThat(done.getOutput()).isEqualTo("{\"n\":2000}");
    List<ExecutionHistoryEvent> events = historyEvents();
    assertThat(events).hasSize((int) done.getHistoryEvents());
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).getId()).isEqualTo(i + 1L);
    }
    TestOutputTopic<String, ExecutionCommand> followUps =
        driver.createOutputTopic(
            topics.executionCommands().name(),
            new StringDeserializer(),
            topics.executionCommands().valueSerde().deserializer());
    assertThat(followUps.readValuesToList())
        .as("4,000 states at most 1,000 a command")
        .filteredOn(c -> c.getBody() instanceof TimerFired)
        .hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldIndexOnlyTheCallbackTaskWithItsScheduledEventAndDropItWhenItIsAnswered() {
    // given: a callback task and an activity running side by side
    define(
        """
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
            "Resource": "arn:aws:states:::kafka:produce.waitForTaskToken",
            "Parameters": {"Topic": "orders", "Value": {"token.$": "$$.Task.Token"}},
            "End": true}}},
          {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s",
            "End": true}}}]}}}
        """
            .formatted(ACTIVITY));
    TestOutputTopic<String, String> orders =
        driver.createOutputTopic("orders", new StringDeserializer(), new StringDeserializer());
    KeyValueStore<String, String> index =
        driver.getKeyValueStore(RuntimeTopology.OPEN_CALLBACKS_STORE);

    // when
    send("cb", start("cb", "{}"));

    // then: one entry, the callback's engine token with the id of its TaskScheduled event
    Map<String, Long> open = OpenCallbacks.read(index.get(execution("cb")));
    assertThat(open).hasSize(1);
    String engineToken = open.keySet().iterator().next();
    assertThat(executions.get(execution("cb")).getOpenTasks()).hasSize(2).containsKey(engineToken);
    ExecutionHistoryEvent scheduled =
        historyEvents().stream()
            .filter(e -> e.getId() == open.get(engineToken))
            .findFirst()
            .orElseThrow();
    assertThat(scheduled.getType()).isEqualTo("TaskScheduled");
    assertThat(json(scheduled.getDetails()).get("name").asText()).isEqualTo("Ask");

    // when the callback is answered, the activity still running
    String value = orders.readValue();
    String token = value.substring("{\"token\":\"".length(), value.length() - 2);
    send("cb", new TaskSucceeded(token, "{}"));

    // then
    assertThat(executions.get(execution("cb")).getStatus()).isEqualTo("RUNNING");
    assertThat(index.get(execution("cb"))).isNull();
  }

  @Test
  void shouldDropTheIndexEntryWhenTheWaitingExecutionIsStopped() {
    // given
    define(
        """
        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
          "Resource": "arn:aws:states:::kafka:produce.waitForTaskToken",
          "Parameters": {"Topic": "orders", "Value": "no token here"}, "End": true}}}
        """);
    KeyValueStore<String, String> index =
        driver.getKeyValueStore(RuntimeTopology.OPEN_CALLBACKS_STORE);
    send("st", start("st", "{}"));
    assertThat(index.get(execution("st"))).isNotNull();

    // when
    send("st", new StopExecution(null, null));

    // then
    assertThat(index.get(execution("st"))).isNull();
  }
}
