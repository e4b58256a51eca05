package io.pipeline.cli.bench;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorConfig;
import io.pipeline.orchestrator.OrchestratorService;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.orchestrator.runtime.RuntimeConfig;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.orchestrator.ExpressStart;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Measures, in one run on one Kafka, the workflow runtimes beside the raw rate of the Kafka Streams
 * machinery they run on: a stateful count with {@code exactly_once_v2} ({@link RawEosRate}), then
 * Standard executions of a 5-state workflow with one activity task worked by an {@link
 * ActivityWorker}, Express executions of a 5-state workflow, and the start-to-finish latency of a
 * 3-state Pass workflow at a steady rate.
 *
 * <p>A transition is a {@code *StateEntered} event read with {@code read_committed}: from the
 * history topic for Standard executions, from the Express log topic (logging level ALL) for Express
 * ones. Throughput runs start executions the fastest honest way, by writing the records the API
 * writes (StartExecution commands, Express start records) straight to their topics; the latency run
 * starts each execution through the Step Functions API and ends when its {@code ExecutionSucceeded}
 * is committed.
 */
public final class WorkflowBench implements AutoCloseable {

  /** What to measure with. */
  public record Options(
      int rawRecords,
      int executions,
      int expressExecutions,
      int latencyRate,
      Duration latencyRun,
      int workerConcurrency) {}

  /**
   * One run's figures; rates per second, latencies in milliseconds; {@code otherLoad}: the share of
   * the machine's CPU other processes took meanwhile, {@code jitLoad}: the share this JVM's JIT
   * compiler took (NaN where unknown).
   */
  public record Result(
      double rawRate,
      double standardTransitions,
      double standardExecutions,
      double expressTransitions,
      double expressExecutions,
      double unloggedExpressTransitions,
      double unloggedExpressExecutions,
      long p50Millis,
      long p99Millis,
      long maxMillis,
      double otherLoad,
      double jitLoad) {}

  /** States entered by one execution of each workflow. */
  static final int STANDARD_STATES = 5;

  static final int EXPRESS_STATES = 5;
  static final int LATENCY_STATES = 3;

  private static final String ACCOUNT_PREFIX = "arn:aws:states:us-east-1:000000000000:";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final KafkaSettings kafka;
  private final Path dataDir;
  private final Options options;
  private final OrchestratorService orchestrator;
  private final RuntimeConfig runtimeConfig;
  private final SfnApi api;
  private final ServiceMeters meters;
  private final String activity;
  private final ActivityWorker worker;
  private final PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
  private final KafkaProducer<String, ExecutionCommand> commands;
  private final KafkaProducer<String, ExpressStart> expressStarts;

  private WorkflowBench(LocalStack stack, Options options) {
    this.kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    this.dataDir = stack.dataDir();
    this.options = options;
    // The orchestrator's settings from the environment, as the service reads them, so that
    // ORCHESTRATOR_COMMIT_INTERVAL and others can be tried; where it listens, where it keeps its
    // state and the access key it accepts are the benchmark's.
    Settings settings =
        Settings.fromEnvironment()
            .with(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers(),
                    "ORCHESTRATOR_HTTP_HOST",
                    "127.0.0.1",
                    "ORCHESTRATOR_HTTP_PORT",
                    "0",
                    "ORCHESTRATOR_APPLICATION_ID",
                    LocalStack.uniqueName("bench-orchestrator"),
                    "ORCHESTRATOR_STATE_DIR",
                    dataDir.resolve("orchestrator").toString(),
                    "ORCHESTRATOR_CREDENTIALS",
                    ApiCredentials.LOCAL));
    this.runtimeConfig = RuntimeConfig.from(settings);
    this.orchestrator = OrchestratorService.start(settings);
    try {
      awaitRunning(orchestrator);
      this.api = new SfnApi(orchestrator.apiUri(), OrchestratorConfig.from(settings).region());
      this.meters = new ServiceMeters(orchestrator.apiUri());
      this.activity = LocalStack.uniqueName("bench-work");
      this.worker =
          ActivityWorker.builder(kafka, activity)
              .concurrency(options.workerConcurrency())
              .workerName("bench")
              .start(task -> task.input().path("order"));
      this.commands = producer(topics.executionCommands());
      this.expressStarts = producer(topics.expressStarts());
    } catch (RuntimeException e) {
      orchestrator.close();
      throw e;
    }
  }

  /** Starts an orchestrator on the stack's Kafka, and an activity worker. */
  public static WorkflowBench start(LocalStack stack, Options options) {
    return new WorkflowBench(stack, options);
  }

  /** One run of every measurement, with state machines of its own. */
  public Result run() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    MachineLoad load = MachineLoad.start();
    double raw =
        RawEosRate.measure(
            kafka,
            run,
            dataDir.resolve("eos-" + run),
            topics.executionCommands().spec().partitions(),
            options.rawRecords(),
            sharedStreamsSettings());
    Rates standard = standardRates(run);
    Rates express = expressRates(run);
    Rates unlogged = unloggedExpressRates(run);
    long[] latencies = latencies(run);
    Optional<MachineLoad.Share> share = load.share();
    return new Result(
        raw,
        standard.transitions(),
        standard.executions(),
        express.transitions(),
        express.executions(),
        unlogged.transitions(),
        unlogged.executions(),
        Percentiles.of(latencies, 0.50),
        Percentiles.of(latencies, 0.99),
        latencies.length == 0 ? 0 : latencies[latencies.length - 1],
        share.map(MachineLoad.Share::others).orElse(Double.NaN),
        share.map(MachineLoad.Share::jit).orElse(Double.NaN));
  }

  /** The Streams settings the raw count shares with the Standard runtime. */
  private Map<String, Object> sharedStreamsSettings() {
    return Map.of(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        runtimeConfig.commitInterval().toMillis(),
        StreamsConfig.producerPrefix("compression.type"),
        "lz4");
  }

  private record Rates(double transitions, double executions) {}

  private Rates standardRates(String run) throws Exception {
    SfnApi.Machine machine =
        api.create("bench-standard-" + run, standardDefinition(), "STANDARD", "OFF");
    String input = "{\"order\": {\"id\": 1, \"size\": 3}}";
    int executions = options.executions();
    try (EventTally tally =
        new EventTally(
            kafka, PipelineTopics.EXECUTION_HISTORY, machine.executionArn(""), historyTypes())) {
      long start = System.nanoTime();
      for (int i = 0; i < executions; i++) {
        String name = "e-" + i;
        String arn = machine.executionArn(name);
        StartExecution body =
            new StartExecution(
                machine.arn(),
                machine.revisionId(),
                name,
                input,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        commands.send(
            new ProducerRecord<>(
                topics.executionCommands().name(),
                arn,
                new ExecutionCommand(arn, null, Instant.now(), body)));
      }
      commands.flush();
      return tallied("Standard", tally, executions, STANDARD_STATES, start);
    }
  }

  private Rates expressRates(String run) throws Exception {
    SfnApi.Machine machine =
        api.create("bench-express-" + run, expressDefinition(), "EXPRESS", "ALL");
    int executions = options.expressExecutions();
    try (EventTally tally =
        new EventTally(
            kafka, PipelineTopics.EXPRESS_LOGS, expressArnPrefix(machine), LogRecordTypes::of)) {
      long start = System.nanoTime();
      sendExpressStarts(machine, executions);
      return tallied("Express", tally, executions, EXPRESS_STATES, start);
    }
  }

  /**
   * Express executions that write no log (level OFF), so nothing of them reaches Kafka: counted by
   * the orchestrator's own meters (states entered, executions ended), read from its {@code
   * /metrics} every 20 ms.
   */
  private Rates unloggedExpressRates(String run) throws Exception {
    SfnApi.Machine machine =
        api.create("bench-express-off-" + run, expressDefinition(), "EXPRESS", "OFF");
    int executions = options.expressExecutions();
    Map<String, String> succeeded = Map.of("state_machine", machine.arn(), "outcome", "succeeded");
    long start = System.nanoTime();
    sendExpressStarts(machine, executions);
    while (meters.counter("pipeline_orchestrator_express_executions_total", succeeded)
        < executions) {
      if (System.nanoTime() - start > TIMEOUT.toNanos()) {
        throw new IllegalStateException(
            "Express (log OFF): not all " + executions + " executions succeeded in " + TIMEOUT);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double transitions =
        meters.counter(
            "pipeline_orchestrator_express_transitions_total",
            Map.of("state_machine", machine.arn()));
    if (transitions != (double) executions * EXPRESS_STATES) {
      throw new IllegalStateException(
          "Express (log OFF): "
              + transitions
              + " transitions, expected "
              + executions * EXPRESS_STATES
              + ": the figures would be wrong");
    }
    return new Rates(transitions / seconds, executions / seconds);
  }

  private static String expressArnPrefix(SfnApi.Machine machine) {
    return machine.arn().replaceFirst(":stateMachine:", ":express:") + ":";
  }

  /** Writes Express start records as the API does for StartExecution, each a new execution. */
  private void sendExpressStarts(SfnApi.Machine machine, int executions) {
    String input = "{\"order\": {\"id\": 1, \"size\": 3}}";
    for (int i = 0; i < executions; i++) {
      String name = "x-" + i;
      String arn = expressArnPrefix(machine) + name + ":" + UUID.randomUUID();
      expressStarts.send(
          new ProducerRecord<>(
              topics.expressStarts().name(),
              arn,
              new ExpressStart(
                  arn,
                  machine.arn(),
                  machine.revisionId(),
                  name,
                  input,
                  Instant.now(),
                  null,
                  null)));
    }
    expressStarts.flush();
  }

  /**
   * Starts 3-state Pass executions through the API at a steady rate; each one's latency runs from
   * just before its request is sent to when its {@code ExecutionSucceeded} is read, committed.
   */
  private long[] latencies(String run) throws Exception {
    SfnApi.Machine machine =
        api.create("bench-latency-" + run, latencyDefinition(), "STANDARD", "OFF");
    int executions = (int) (options.latencyRate() * options.latencyRun().toMillis() / 1000);
    long[] sentAt = new long[executions];
    List<CompletableFuture<?>> started = new ArrayList<>(executions);
    try (EventTally tally =
        new EventTally(
            kafka, PipelineTopics.EXECUTION_HISTORY, machine.executionArn(""), historyTypes())) {
      long start = System.nanoTime();
      for (int i = 0; i < executions; i++) {
        long wait = start + (long) (i * 1e9 / options.latencyRate()) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        sentAt[i] = System.nanoTime();
        started.add(api.startExecution(machine, "l-" + i, "{\"n\": " + i + "}"));
      }
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
      tally.awaitClosed(executions, TIMEOUT);
      requireAllSucceeded("Latency", tally, executions, LATENCY_STATES);
      long[] latencies = new long[executions];
      for (int i = 0; i < executions; i++) {
        long closedAt = tally.closedAt(machine.executionArn("l-" + i)).orElseThrow();
        latencies[i] = (closedAt - sentAt[i]) / 1_000_000;
      }
      Arrays.sort(latencies);
      return latencies;
    }
  }

  /**
   * Waits until every execution closed, checks that each succeeded with all its states, and gives
   * the rates since {@code start}.
   */
  private static Rates tallied(
      String what, EventTally tally, int executions, int states, long start)
      throws InterruptedException {
    tally.awaitClosed(executions, TIMEOUT);
    double seconds = (System.nanoTime() - start) / 1e9;
    requireAllSucceeded(what, tally, executions, states);
    return new Rates(tally.transitions() / seconds, executions / seconds);
  }

  private static void requireAllSucceeded(
      String what, EventTally tally, int executions, int states) {
    if (tally.succeeded() != executions || tally.transitions() != (long) executions * states) {
      throw new IllegalStateException(
          what
              + ": "
              + tally.succeeded()
              + " of "
              + executions
              + " executions succeeded with "
              + tally.transitions()
              + " transitions, expected "
              + (long) executions * states
              + ": the figures would be wrong");
    }
  }

  private String standardDefinition() {
    return """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Parameters": {"id.$": "$.order.id", "size.$": "$.order.size"},
            "ResultPath": "$.order", "Next": "Work"},
          "Work": {"Type": "Task", "Resource": "%s", "ResultPath": "$.work", "Next": "Check"},
          "Check": {"Type": "Choice", "Default": "Record",
            "Choices": [{"Variable": "$.work.size", "NumericGreaterThan": 0, "Next": "Record"}]},
          "Record": {"Type": "Pass", "Result": "recorded", "ResultPath": "$.status", "Next": "Done"},
          "Done": {"Type": "Succeed"}}}
        """
        .formatted(ACCOUNT_PREFIX + "activity:" + activity);
  }

  private static String expressDefinition() {
    return """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Parameters": {"id.$": "$.order.id", "size.$": "$.order.size"},
            "ResultPath": "$.order", "Next": "Price"},
          "Price": {"Type": "Pass", "Result": {"amount": 42}, "ResultPath": "$.price", "Next": "Check"},
          "Check": {"Type": "Choice", "Default": "Record",
            "Choices": [{"Variable": "$.order.size", "NumericGreaterThan": 0, "Next": "Record"}]},
          "Record": {"Type": "Pass", "Result": "recorded", "ResultPath": "$.status", "Next": "Done"},
          "Done": {"Type": "Succeed"}}}
        """;
  }

  private static String latencyDefinition() {
    return """
        {"StartAt": "One", "States": {
          "One": {"Type": "Pass", "Next": "Two"},
          "Two": {"Type": "Pass", "Next": "Three"},
          "Three": {"Type": "Pass", "End": true}}}
        """;
  }

  private Function<byte[], List<String>> historyTypes() {
    Topic<String, ExecutionHistoryBatch> history = topics.executionHistory();
    return value ->
        value == null
            ? List.of()
            : history
                .valueSerde()
                .deserializer()
                .deserialize(history.name(), value)
                .getEvents()
                .stream()
                .map(ExecutionHistoryEvent::getType)
                .toList();
  }

  private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
    return new KafkaProducer<>(
        kafka.reliableProducerConfig("bench-" + topic.name(), Map.of()),
        new StringSerializer(),
        topic.valueSerde().serializer());
  }

  private static void awaitRunning(OrchestratorService orchestrator) {
    try {
      if (!orchestrator.awaitRunning(Duration.ofMinutes(2))) {
        throw new IllegalStateException(
            "the orchestrator's runtime did not start (" + orchestrator.runtimeState() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the orchestrator started", e);
    }
  }

  @Override
  public void close() {
    commands.close(Duration.ofSeconds(5));
    expressStarts.close(Duration.ofSeconds(5));
    worker.close();
    orchestrator.close();
  }
}
