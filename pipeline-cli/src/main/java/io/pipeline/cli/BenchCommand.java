package io.pipeline.cli;

import io.pipeline.cli.bench.EtlBench;
import io.pipeline.cli.bench.Figures;
import io.pipeline.cli.bench.IngestBench;
import io.pipeline.cli.bench.TransformBench;
import io.pipeline.cli.bench.Warmup;
import io.pipeline.cli.bench.WorkflowBench;
import io.pipeline.cli.bench.WorkflowReport;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.mqtt.MqttBridge;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.s3.EmbeddedS3Server;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ./pipeline bench}: end-to-end benchmarks, each beside the raw limit it is bounded by. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each measured beside the raw limit of what it runs on, in one run.",
    subcommands = {
      BenchCommand.Ingest.class,
      BenchCommand.Workflows.class,
      BenchCommand.Transform.class
    })
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a benchmark: ingest, workflows or transform");
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description = {
        "MQTT bridge throughput beside Mosquitto's own QoS 1 pub->sub rate and the Kafka producer's"
            + " rate (same message size and client count), then latency from MQTT publish to Kafka"
            + " at half the bridge's rate.",
        "Then S3 objects announced through SQS: a plain SQS consumer's drain rate beside the"
            + " notification bridge's, to the raw topic and through the deduplication step.",
        "Starts Kafka, S3 and SQS in this JVM and Mosquitto, unless KAFKA_BOOTSTRAP_SERVERS or"
            + " MQTT_URL name servers."
      })
  static final class Ingest implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--messages",
        defaultValue = "200000",
        description = "Messages per measurement (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(
        names = "--size",
        defaultValue = "256",
        description = "Payload bytes (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(
        names = "--clients",
        defaultValue = "10",
        description = "MQTT publishers, and devices (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(
        names = "--latency-run",
        defaultValue = "10s",
        converter = ConsumeCommand.DurationConverter.class,
        description = "How long the latency run publishes (default: ${DEFAULT-VALUE}).")
    Duration latencyRun;

    @Option(
        names = "--objects",
        defaultValue = "2000",
        description =
            "S3 objects put for the SQS notification measurements (default: ${DEFAULT-VALUE}).")
    int objects;

    @Mixin Runs runs;

    @Override
    public Integer call() throws Exception {
      if (messages < clients
          || size < Long.BYTES
          || clients < 1
          || runs.count < 1
          || runs.warmup < 0) {
        throw new UserException(
            "Give --messages >= --clients >= 1, --size >= 8 (the latency run stamps 8 bytes) and"
                + " --runs >= 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (LocalStack stack = LocalStack.fromEnvironment()) {
        out.println("Starting Kafka, Mosquitto, S3 and SQS...");
        out.flush();
        IngestBench.Options options =
            new IngestBench.Options(messages, size, clients, latencyRun, objects);
        Warmup.run(out, runs.warmup, () -> new IngestBench(stack, options).run());
        List<IngestBench.Result> results = new ArrayList<>();
        for (int run = 1; run <= runs.count; run++) {
          out.printf(
              "Run %d of %d: %,d QoS 1 messages of %d bytes from %d clients...%n",
              run, runs.count, messages, size, clients);
          out.flush();
          results.add(new IngestBench(stack, options).run());
        }
        print(out, results);
      }
      return 0;
    }

    private static void print(PrintWriter out, List<IngestBench.Result> runs) {
      Figures<IngestBench.Result> figures = new Figures<>(runs);
      out.println();
      out.println(
          runs.size() == 1
              ? "One run."
              : "Median of " + runs.size() + " runs (range in brackets).");
      out.println();
      out.println("| path | messages/s | ratio |");
      out.println("|---|---:|---:|");
      out.printf(
          "| Mosquitto QoS 1 publish -> subscriber subscribed as the bridge | %s | 1.00 |%n",
          figures.rate(IngestBench.Result::mosquittoRate));
      // Acknowledging only once Kafka has the record keeps more messages in flight in the broker
      // and the client. This row measures what that costs the MQTT side, without Kafka's work.
      out.printf(
          "| Mosquitto, the subscriber acknowledging each message %s ms late (the bridge's mean"
              + " Kafka ack time) | %s | %s |%n",
          figures.millis(IngestBench.Result::ackMillis),
          figures.rate(IngestBench.Result::lateAckRate),
          figures.ratio(r -> r.lateAckRate() / r.mosquittoRate()));
      out.printf(
          "| Kafka producer (the bridge's settings: acks=all, idempotent, %d KiB batches) | %s |"
              + " %s |%n",
          MqttBridge.BATCH_BYTES / 1024,
          figures.rate(IngestBench.Result::kafkaRate),
          figures.ratio(r -> r.kafkaRate() / r.mosquittoRate()));
      out.printf(
          "| MQTT bridge: publish -> Kafka ack | %s | %s of Mosquitto, %s of Kafka |%n",
          figures.rate(IngestBench.Result::bridgeRate),
          figures.ratio(r -> r.bridgeRate() / r.mosquittoRate()),
          figures.ratio(r -> r.bridgeRate() / r.kafkaRate()));
      // On one machine Mosquitto, Kafka and the bridge share the cores: a bridged message costs
      // Mosquitto's work and Kafka's, so neither raw rate alone bounds it.
      out.printf(
          "| Mosquitto and Kafka sharing the cores: 1/(1/M + 1/K) | %s | bridge at %s |%n",
          figures.rate(IngestBench.Result::sharedRate),
          figures.ratio(r -> r.bridgeRate() / r.sharedRate()));
      printCpu(out, runs, figures);
      out.printf(
          "%nLatency MQTT publish -> Kafka append at half the bridge's rate (%s msg/s): p50 %s ms,"
              + " p99 %s ms, max %s ms%n",
          figures.rate(IngestBench.Result::latencyRate),
          figures.millis(IngestBench.Result::p50Millis),
          figures.millis(IngestBench.Result::p99Millis),
          figures.millis(IngestBench.Result::maxMillis));
      IngestBench.Result first = runs.get(0);
      if (first.options().objects() == 0) {
        out.printf("%nS3 notifications: not measured (--objects 0)%n");
      } else {
        out.printf("%n| S3 objects announced through SQS | objects/s | ratio |%n");
        out.println("|---|---:|---:|");
        out.printf(
            "| SQS drain (receive 10, delete batch) | %s | 1.00 |%n",
            figures.rate(IngestBench.Result::sqsDrainRate));
        out.printf(
            "| notification bridge: SQS -> raw topic | %s | %s |%n",
            figures.rate(IngestBench.Result::s3RawRate),
            figures.ratio(r -> r.s3RawRate() / r.sqsDrainRate()));
        out.printf(
            "| ... -> S3ObjectEvent (deduplicated, exactly once) | %s | %s |%n",
            figures.rate(IngestBench.Result::s3EventRate),
            figures.ratio(r -> r.s3EventRate() / r.sqsDrainRate()));
      }
      double bridgeShare = figures.median(r -> r.bridgeRate() / r.mosquittoRate());
      double p99 = figures.median(r -> (double) r.p99Millis());
      out.printf(
          "%nGoal: bridge >= 0.80 of Mosquitto (%s), p99 <= 50 ms (%s), medians%n",
          bridgeShare >= 0.8 ? "met" : "NOT met", p99 <= 50 ? "met" : "NOT met");
      out.flush();
    }
  }

  /**
   * Where the CPU time of a message went in Mosquitto's own runs and in the bridge's: the same
   * publishers and broker, and Kafka's work on top in the bridge's.
   */
  private static void printCpu(
      PrintWriter out, List<IngestBench.Result> runs, Figures<IngestBench.Result> figures) {
    Set<String> groups = new TreeSet<>(runs.get(0).mosquittoCpu().keySet());
    groups.addAll(runs.get(0).bridgeCpu().keySet());
    if (groups.isEmpty()) {
      return; // not on Linux
    }
    out.printf("%nCPU time per message, microseconds, over each whole run (medians):%n%n");
    out.println("| spent by | Mosquitto's run | bridge's run |");
    out.println("|---|---:|---:|");
    for (String group : groups) {
      out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.1f |%n",
          group,
          figures.median(r -> r.mosquittoCpu().getOrDefault(group, 0.0)),
          figures.median(r -> r.bridgeCpu().getOrDefault(group, 0.0)));
    }
    out.printf(
        Locale.ROOT,
        "| all | %.1f | %.1f |%n",
        figures.median(r -> total(r.mosquittoCpu())),
        figures.median(r -> total(r.bridgeCpu())));
  }

  private static double total(Map<String, Double> cpu) {
    return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  @Command(
      name = "workflows",
      mixinStandardHelpOptions = true,
      description = {
        "The workflow runtimes beside the raw Kafka Streams exactly_once_v2 rate of a stateful"
            + " count, in one run: Standard state transitions/s and executions/s of a 5-state"
            + " workflow with one activity task, Express transitions/s of a 5-state workflow, and"
            + " the start-to-finish latency of a 3-state Standard Pass workflow.",
        "A transition is a *StateEntered event read committed (Standard: the history topic;"
            + " Express: its log topic at level ALL). Throughput runs write the start records"
            + " straight to their topics; the latency run starts executions through the API.",
        "Starts Kafka in this JVM unless KAFKA_BOOTSTRAP_SERVERS names a cluster, and an"
            + " orchestrator and an activity worker in this JVM."
      })
  static final class Workflows implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--raw-records",
        defaultValue = "100000",
        description = "Records through the raw EOS count (default: ${DEFAULT-VALUE}).")
    int rawRecords;

    @Option(
        names = "--executions",
        defaultValue = "5000",
        description = "Standard executions of the throughput run (default: ${DEFAULT-VALUE}).")
    int executions;

    @Option(
        names = "--express-executions",
        defaultValue = "100000",
        description =
            "Express executions of the throughput run, at each logging level (default:"
                + " ${DEFAULT-VALUE}; 20,000 lasted about a second at level ALL, too short for a"
                + " steady rate).")
    int expressExecutions;

    @Option(
        names = "--latency-rate",
        defaultValue = "50",
        description =
            "Standard executions started per second in the latency run (default:"
                + " ${DEFAULT-VALUE}).")
    int latencyRate;

    @Option(
        names = "--latency-run",
        defaultValue = "10s",
        converter = ConsumeCommand.DurationConverter.class,
        description = "How long the latency run starts executions (default: ${DEFAULT-VALUE}).")
    Duration latencyRun;

    @Option(
        names = "--worker-concurrency",
        defaultValue = "256",
        description =
            "Tasks the activity worker runs at once; it takes up to four times as many per poll"
                + " and polls again once their results are in Kafka, so this bounds the Standard"
                + " rate (default: ${DEFAULT-VALUE}).")
    int workerConcurrency;

    @Mixin Runs runs;

    @Override
    public Integer call() throws Exception {
      if (rawRecords < 1
          || executions < 1
          || expressExecutions < 1
          || latencyRate < 1
          || latencyRun.toMillis() * latencyRate < 1000
          || workerConcurrency < 1
          || runs.count < 1
          || runs.warmup < 0) {
        throw new UserException(
            "Give positive sizes, a --latency-run of at least one execution at --latency-rate,"
                + " and --runs >= 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      WorkflowBench.Options options =
          new WorkflowBench.Options(
              rawRecords,
              executions,
              expressExecutions,
              latencyRate,
              latencyRun,
              workerConcurrency);
      try (LocalStack stack = LocalStack.fromEnvironment()) {
        out.println("Starting Kafka, the orchestrator and an activity worker...");
        out.flush();
        try (WorkflowBench bench = WorkflowBench.start(stack, options)) {
          Warmup.run(out, runs.warmup, bench::run);
          List<WorkflowBench.Result> results = new ArrayList<>();
          for (int run = 1; run <= runs.count; run++) {
            out.printf(
                "Run %d of %d: %,d raw records, %,d Standard and %,d Express executions, %d"
                    + " latency executions/s for %d s...%n",
                run,
                runs.count,
                rawRecords,
                executions,
                expressExecutions,
                latencyRate,
                latencyRun.toSeconds());
            out.flush();
            results.add(bench.run());
          }
          WorkflowReport.print(out, results);
        }
      }
      return 0;
    }
  }

  @Command(
      name = "transform",
      mixinStandardHelpOptions = true,
      description = {
        "The streaming transforms beside the raw Kafka Streams rate, in one run: a pass-through"
            + " application under at_least_once and exactly_once_v2, the telemetry topology"
            + " (exactly_once_v2: parse, dedup, registry join, alerts, windowed aggregates) and an"
            + " Express step (at_least_once: a Pass, a Choice and intrinsics per record), each with"
            + " one stream thread on inputs of 6 partitions.",
        "Starts Kafka in this JVM unless KAFKA_BOOTSTRAP_SERVERS names a cluster."
      })
  static final class Transform implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--records",
        defaultValue = "1000000",
        description = "Records through each application (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(
        names = "--etl-mb",
        defaultValue = "256",
        description =
            "Size of the CSV object the batch ETL loads, in MB; 0 to skip (default:"
                + " ${DEFAULT-VALUE}; the 1 GB figure: 1024).")
    int etlMegabytes;

    @Mixin Runs runs;

    @Override
    public Integer call() throws Exception {
      if (records < 1 || etlMegabytes < 0 || runs.count < 1 || runs.warmup < 0) {
        throw new UserException("Give --records >= 1, --etl-mb >= 0 and --runs >= 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      Path state = Files.createTempDirectory("pipeline-bench-transform-");
      try (LocalStack stack = LocalStack.fromEnvironment();
          EmbeddedS3Server s3 = EmbeddedS3Server.start(Optional.of(state.resolve("s3")), 0);
          S3Client client = s3.endpoint().newClient()) {
        out.println("Starting Kafka and an S3 server (on disk)...");
        out.flush();
        KafkaSettings kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
        Optional<EtlBench> etl = Optional.empty();
        if (etlMegabytes > 0) {
          EtlBench load = new EtlBench(kafka, client, "bench", state, etlMegabytes * 1_000_000L);
          load.upload();
          out.printf("Uploaded a CSV of %,d bytes for the batch ETL%n", load.size());
          etl = Optional.of(load);
        }
        TransformBench bench = new TransformBench(kafka, state, records, etl);
        Warmup.run(out, runs.warmup, bench::run);
        List<TransformBench.Result> results = new ArrayList<>();
        for (int run = 1; run <= runs.count; run++) {
          out.printf(
              "Run %d of %d: %,d records through each application...%n", run, runs.count, records);
          out.flush();
          results.add(bench.run());
        }
        TransformBench.print(out, results);
      } finally {
        Utils.delete(state.toFile()); // the S3 object, the applications' state
      }
      return 0;
    }
  }

  /**
   * How often a benchmark runs on the same servers: its figures are medians over the counted runs.
   */
  static final class Runs {

    @Option(
        names = "--runs",
        defaultValue = "3",
        description =
            "Runs on the same servers; each figure is their median, with the range (default:"
                + " ${DEFAULT-VALUE}).")
    int count;

    @Option(
        names = "--warmup-runs",
        defaultValue = "1",
        description =
            "Runs first, not counted, while the JIT compiles the measured paths; more follow,"
                + " up to "
                + Warmup.MAX_RUNS
                + " in all, while the JIT compiler took more than a tenth of the CPU in the last"
                + " (default: ${DEFAULT-VALUE}; 0: none).")
    int warmup;
  }
}
