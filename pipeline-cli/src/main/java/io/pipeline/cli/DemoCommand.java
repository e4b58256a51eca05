package io.pipeline.cli;

import io.pipeline.cli.demo.Demo;
import io.pipeline.cli.demo.DemoContext;
import io.pipeline.cli.demo.DemoException;
import io.pipeline.cli.demo.DemoSummary;
import io.pipeline.cli.demo.DemoTriggers;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.examples.bank.BankWorkers;
import io.pipeline.examples.security.SecurityWorkers;
import io.pipeline.orchestrator.OrchestratorConfig;
import io.pipeline.transform.etl.EtlConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pipeline demo}: {@code up}, then the product's use cases run on it (IoT streaming into
 * incident response, S3-triggered batch ETL, microservice orchestration), a progress line per stage
 * and a summary read back from Kafka and the API; then the stack stays up to be explored.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start the pipeline as 'up' does (in a fresh data folder unless --data-dir is given) and run"
          + " its use cases on it: IoT telemetry over MQTT, alerts that start an incident-response"
          + " workflow, S3-triggered batch ETL, a microservice workflow; then print a summary and"
          + " stay up until Ctrl-C (--exit: stop after the summary)."
    })
final class DemoCommand extends UpCommand {

  @Option(names = "--exit", description = "Stop after the summary instead of staying up.")
  boolean exit;

  @Option(
      names = "--readings-per-device",
      defaultValue = "30",
      description =
          "Readings each simulated device sends within its limits (default: ${DEFAULT-VALUE}).")
  int readingsPerDevice;

  @Option(
      names = "--etl-rows",
      defaultValue = "5000",
      description = "Rows of the CSV of orders the batch ETL loads (default: ${DEFAULT-VALUE}).")
  int etlRows;

  @Option(
      names = "--examples",
      description = "The project's examples folder (default: examples in the project).")
  Path examples;

  @Override
  Settings environment(Settings fromEnvironment) {
    Map<String, String> demo = new HashMap<>();
    demo.put(
        EtlConfig.SCHEMA_FILE.name(),
        examples().resolve("s3-batch-etl/orders.avsc").toAbsolutePath().toString());
    if (fromEnvironment.raw("ORCHESTRATOR_TRIGGERS").isEmpty()) {
      demo.put(
          "ORCHESTRATOR_TRIGGERS",
          DemoTriggers.rules(
              bucket,
              fromEnvironment.get(OrchestratorConfig.REGION),
              fromEnvironment.get(OrchestratorConfig.ACCOUNT)));
    }
    return fromEnvironment.with(demo);
  }

  private Path examples() {
    return Optional.ofNullable(examples)
        .orElseGet(() -> defaultDataDir().toAbsolutePath().getParent().resolve("examples"));
  }

  /**
   * A fresh folder, deleted once everything else has stopped (the first part tracked closes last).
   */
  @Override
  Path defaultData() {
    try {
      Path data = Files.createTempDirectory("pipeline-demo-");
      track(() -> Utils.delete(data.toFile()));
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a data folder for the demo", e);
    }
  }

  @Override
  boolean stayUp() {
    return !exit;
  }

  @Override
  int ready(Stack stack, PrintWriter out, Path data) {
    out.println();
    out.println(
        "Demo: data in "
            + data
            + (dataDir == null
                ? " (deleted when the demo stops; give --data-dir to keep it)"
                : ""));
    Settings settings = environment();
    String run = UUID.randomUUID().toString().substring(0, 8);
    DemoContext context =
        track(
            new DemoContext(
                KafkaSettings.of(stack.kafka()),
                stack.s3().newClient(),
                bucket,
                stack.mqtt().map(URI::create),
                stack.api(),
                ReadyBanner.console(stack.console(), ownConsoleUsers()),
                DemoContext.sfnClient(stack.api(), settings.get(OrchestratorConfig.REGION)),
                settings.get(OrchestratorConfig.REGION),
                settings.get(OrchestratorConfig.ACCOUNT),
                out));
    // The examples' services run beside the stack, as a team's would: they create their topics.
    track(BankWorkers.start(context.kafka()));
    track(SecurityWorkers.start(context.kafka()));
    DemoSummary summary;
    try {
      summary =
          new Demo(context, run, new Demo.Options(readingsPerDevice, etlRows, examples())).run();
    } catch (DemoException e) {
      out.println();
      out.println("Demo failed: " + e.getMessage());
      out.flush();
      return 1;
    }
    summary.print(out);
    if (stayUp()) {
      out.println();
      out.println("The pipeline stays up. Press Ctrl-C to stop.");
      out.flush();
    }
    return 0;
  }
}
