package io.pipeline.cli;

import io.pipeline.cli.bench.IngestBench;
import io.pipeline.localstack.LocalStack;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pipeline bench}: end-to-end benchmarks, each beside the raw limit it is bounded by. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each measured beside the raw limit of what it runs on, in one run.",
    subcommands = {BenchCommand.Ingest.class})
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a benchmark: ingest");
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
        defaultValue = "50000",
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

    @Override
    public Integer call() throws Exception {
      if (messages < clients || size < Long.BYTES || clients < 1) {
        throw new UserException(
            "Give --messages >= --clients >= 1 and --size >= 8 (the latency run stamps 8 bytes)");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (LocalStack stack = LocalStack.fromEnvironment()) {
        out.println("Starting Kafka, Mosquitto, S3 and SQS...");
        out.flush();
        IngestBench bench =
            new IngestBench(
                stack, new IngestBench.Options(messages, size, clients, latencyRun, objects));
        out.printf(
            "Measuring %,d QoS 1 messages of %d bytes from %d clients (after a warm-up)...%n",
            messages, size, clients);
        out.flush();
        print(out, bench.run());
      }
      return 0;
    }

    private static void print(PrintWriter out, IngestBench.Result r) {
      out.println();
      out.println("| path | messages/s | ratio |");
      out.println("|---|---:|---:|");
      out.printf("| Mosquitto QoS 1 publish -> subscriber | %,.0f | 1.00 |%n", r.mosquittoRate());
      out.printf(
          "| Kafka producer (acks=all, idempotent) | %,.0f | %.2f |%n",
          r.kafkaRate(), r.kafkaRate() / r.mosquittoRate());
      out.printf(
          "| MQTT bridge: publish -> Kafka | %,.0f | %.2f of Mosquitto, %.2f of Kafka |%n",
          r.bridgeRate(), r.bridgeRate() / r.mosquittoRate(), r.bridgeRate() / r.kafkaRate());
      // On one machine Mosquitto, Kafka and the bridge share the cores: a bridged message costs
      // Mosquitto's work and Kafka's, so neither raw rate alone bounds it.
      double shared = 1 / (1 / r.mosquittoRate() + 1 / r.kafkaRate());
      out.printf(
          "| (Mosquitto and Kafka sharing this machine's cores: 1/(1/M + 1/K)) | %,.0f |"
              + " bridge at %.2f |%n",
          shared, r.bridgeRate() / shared);
      out.printf(
          "%nLatency MQTT publish -> Kafka append at %,.0f msg/s: p50 %d ms, p99 %d ms, max %d ms%n",
          r.latencyRate(), r.p50Millis(), r.p99Millis(), r.maxMillis());
      if (r.options().objects() == 0) {
        out.println();
        out.println("S3 notifications: not measured (--objects 0)");
      } else {
        printS3(out, r);
      }
      out.println();
      out.printf(
          "Goal: bridge >= 0.80 of Mosquitto (%s), p99 <= 50 ms (%s)%n",
          r.bridgeRate() >= 0.8 * r.mosquittoRate() ? "met" : "NOT met",
          r.p99Millis() <= 50 ? "met" : "NOT met");
      out.flush();
    }

    private static void printS3(PrintWriter out, IngestBench.Result r) {
      out.println();
      out.println("| S3 objects announced through SQS | objects/s | ratio |");
      out.println("|---|---:|---:|");
      out.printf("| SQS drain (receive 10, delete batch) | %,.0f | 1.00 |%n", r.sqsDrainRate());
      out.printf(
          "| notification bridge: SQS -> raw topic | %,.0f | %.2f |%n",
          r.s3RawRate(), r.s3RawRate() / r.sqsDrainRate());
      out.printf(
          "| ... -> S3ObjectEvent (deduplicated, exactly once) | %,.0f | %.2f |%n",
          r.s3EventRate(), r.s3EventRate() / r.sqsDrainRate());
    }
  }
}
