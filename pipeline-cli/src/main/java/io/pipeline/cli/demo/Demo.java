package io.pipeline.cli.demo;

import io.pipeline.examples.bank.BankAccountOpening;
import io.pipeline.examples.security.IncidentResponse;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * {@code ./pipeline demo}'s scenario on a running stack: each use case as a stage with one progress
 * line, then the summary read back from Kafka and the API.
 */
public final class Demo {

  /** How long a stage may take before the demo gives up on it. */
  static final Duration STAGE_TIMEOUT = Duration.ofMinutes(3);

  /** The topics the summary counts. */
  static final List<String> TOPICS =
      List.of(
          PipelineTopics.MQTT_MESSAGES,
          PipelineTopics.IOT_TELEMETRY,
          PipelineTopics.IOT_AGGREGATES,
          PipelineTopics.IOT_ALERTS,
          PipelineTopics.TRANSFORM_DEAD_LETTERS,
          PipelineTopics.S3_OBJECT_EVENTS,
          EtlStage.ROWS,
          EtlStage.LOADS,
          BankAccountOpening.ACCOUNTS_TOPIC,
          IncidentResponse.APPROVALS_TOPIC,
          IncidentResponse.ESCALATIONS_TOPIC);

  private final DemoContext context;
  private final String run;
  private final Options options;

  /**
   * How big the demo is.
   *
   * @param readingsPerDevice readings each simulated device sends within its limits
   * @param etlRows rows of the generated CSV the batch ETL loads
   * @param examples the project's {@code examples/} folder: the state machines and their files
   */
  public record Options(int readingsPerDevice, int etlRows, Path examples) {}

  /**
   * @param context the stack
   * @param run an id of this run, in the names of what it makes
   * @param options how big it is
   */
  public Demo(DemoContext context, String run, Options options) {
    this.context = context;
    this.run = run;
    this.options = options;
  }

  /**
   * Runs every stage, then reads the summary back.
   *
   * @throws DemoException when a stage does not come out as it should
   */
  public DemoSummary run() {
    TopicCounts counts = TopicCounts.mark(context.kafka(), TOPICS);
    Deployer deployer = new Deployer(context.sfn(), options.examples());
    IotStage iot = new IotStage(context, run, options.readingsPerDevice());
    EtlStage etl = new EtlStage(context, run, options.etlRows());
    BankStage bank = new BankStage(context, run);
    SecurityStage security = new SecurityStage(context, run);
    stage(
        "Deploying the examples' activities and state machines through the API",
        () -> {
          etl.deploy(deployer);
          bank.deploy();
          security.deploy();
          return String.join(", ", EtlStage.MACHINE, BankStage.MACHINE, SecurityStage.MACHINE);
        });
    stage("Registering 4 simulated devices and their limits", () -> iot.register());
    EtlStage.Uploaded uploaded =
        stage(
            "Batch ETL: orders land under s3://"
                + context.bucket()
                + "/incoming/, each starts "
                + EtlStage.MACHINE,
            () -> etl.load(deployer),
            loaded -> loaded.objects() + " objects loaded");
    stage(
        "Batch ETL: the same CSV uploaded again is not loaded twice",
        () -> {
          etl.reload();
          return "skipped";
        });
    stage(
        "Batch ETL: rows on " + EtlStage.ROWS,
        () -> {
          TopicCounts.await(
              uploaded.goodRows() + " rows",
              STAGE_TIMEOUT,
              () -> counts.count(EtlStage.ROWS) >= uploaded.goodRows());
          return uploaded.goodRows() + " rows loaded, " + uploaded.badRows() + " quarantined";
        });
    stage(
        "Microservices: 3 customers open an account (validation in parallel, then creation)",
        () -> bank.open().toString());
    IotStage.Sent sent =
        stage(
            "IoT: devices publish readings over MQTT",
            iot::publish,
            published -> published.published() + " messages");
    stage(
        "IoT: telemetry topology dedups, aggregates and alerts",
        () -> {
          TopicCounts.await(
              sent.readings() + " readings and " + sent.alerts() + " alerts",
              STAGE_TIMEOUT,
              () ->
                  readings(counts) >= sent.readings()
                      && counts.count(PipelineTopics.IOT_ALERTS) >= sent.alerts());
          return sent.readings() + " readings, " + sent.duplicates() + " duplicates dropped";
        });
    stage(
        "Security: each alert starts "
            + SecurityStage.MACHINE
            + "; the demo approves one, rejects one, lets one time out",
        () -> security.respond(sent.alerts()).values().toString());
    return summary(counts);
  }

  private int readings(TopicCounts counts) {
    Topic<String, TelemetryReading> telemetry =
        new PipelineTopics(SchemaCatalog.builtIn()).iotTelemetry();
    return (int)
        counts.since(telemetry.name(), r -> true).stream()
            .map(
                r -> telemetry.valueSerde().deserializer().deserialize(telemetry.name(), r.value()))
            .filter(reading -> reading.getReadingId().contains("/" + run + "-"))
            .count();
  }

  private DemoSummary summary(TopicCounts counts) {
    SortedMap<String, Integer> topics = new TreeMap<>();
    for (String topic : TOPICS) {
      topics.put(topic, counts.count(topic));
    }
    SortedMap<String, SortedMap<String, Integer>> executions = new TreeMap<>();
    for (StateMachineListItem machine :
        context.sfn().listStateMachinesPaginator(b -> b.maxResults(100)).stateMachines()) {
      SortedMap<String, Integer> byStatus = new TreeMap<>();
      for (ExecutionListItem execution :
          context
              .sfn()
              .listExecutionsPaginator(b -> b.stateMachineArn(machine.stateMachineArn()))
              .executions()) {
        byStatus.merge(execution.statusAsString(), 1, Integer::sum);
      }
      executions.put(machine.name(), byStatus);
    }
    String aws =
        "AWS_ACCESS_KEY_ID=pipeline AWS_SECRET_ACCESS_KEY=pipeline-secret AWS_DEFAULT_REGION="
            + context.region()
            + " aws stepfunctions --endpoint-url "
            + context.api();
    List<String> next = new ArrayList<>();
    next.add(
        aws
            + " list-executions --state-machine-arn "
            + context.stateMachineArn(SecurityStage.MACHINE));
    next.add(aws + " get-execution-history --execution-arn <an executionArn from above>");
    next.add("./pipeline consume " + EtlStage.ROWS + " --max 3");
    next.add("./pipeline consume " + BankAccountOpening.ACCOUNTS_TOPIC + " --max 3");
    context
        .mqtt()
        .ifPresent(
            mqtt ->
                next.add(
                    "mosquitto_pub -h "
                        + mqtt.getHost()
                        + " -p "
                        + mqtt.getPort()
                        + " -q 1 -t devices/oven-2/telemetry -m '{\"id\": \"try-1\", \"metric\":"
                        + " \"temperature\", \"value\": 120}'   (a new alert, a new incident)"));
    next.add(
        "The console, "
            + context.console()
            + ": each state machine drawn as a graph, its executions live with their history,"
            + " the approvals incident-response waits for (Waiting tasks), and every topic with"
            + " its rate and lag (Pipeline)");
    return new DemoSummary(topics, executions, context.api(), next);
  }

  private String stage(String what, Supplier<String> work) {
    return stage(what, work, result -> result);
  }

  private <T> T stage(String what, Supplier<T> work, Function<T, String> describe) {
    PrintWriter out = context.out();
    out.print(what + "... ");
    out.flush();
    long started = System.nanoTime();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      out.println("failed");
      out.flush();
      throw e;
    }
    out.printf("ok (%s, %.1f s)%n", describe.apply(result), (System.nanoTime() - started) / 1e9);
    out.flush();
    return result;
  }
}
