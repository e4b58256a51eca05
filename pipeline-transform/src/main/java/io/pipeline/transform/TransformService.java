package io.pipeline.transform;

import io.pipeline.common.config.Settings;
import io.pipeline.common.http.PartHealth;
import io.pipeline.common.http.ServiceEndpoints;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.common.metrics.ServiceMetrics;
import io.pipeline.common.s3.S3Settings;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.transform.etl.EtlConfig;
import io.pipeline.transform.etl.EtlWorkers;
import io.pipeline.transform.express.ExpressStep;
import io.pipeline.transform.express.ExpressStepTopology;
import io.pipeline.transform.express.StreamSteps;
import io.pipeline.transform.streams.StreamsApp;
import io.pipeline.transform.telemetry.TelemetryTopology;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transform service: the Kafka Streams topologies (the telemetry topology, the Express steps on
 * streams), each its own application, the batch ETL workers when a rows schema is set, and {@code
 * /health} and {@code /metrics}. Reads and validates all its settings before it starts anything.
 */
public final class TransformService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TransformService.class);

  private final Parts parts = new Parts("Transform service");
  private final List<StreamsApp> apps = new ArrayList<>();
  private URI uri;

  private TransformService() {}

  /**
   * Starts every topology the settings turn on.
   *
   * @throws io.pipeline.common.config.ConfigException when a setting is wrong
   */
  public static TransformService start(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    TransformConfig config = TransformConfig.from(settings);
    // Every step's definition is validated before anything starts.
    List<ExpressStep> steps = config.stepsFile().map(StreamSteps::load).orElse(List.of());
    Optional<EtlConfig> etl =
        settings
            .raw(EtlConfig.SCHEMA_FILE.name())
            .filter(file -> !file.isBlank())
            .map(file -> EtlConfig.from(settings));
    Optional<S3Settings> s3 = etl.map(e -> S3Settings.from(settings));
    TransformService service = new TransformService();
    try {
      ServiceMetrics metrics = service.parts.track(new ServiceMetrics());
      SchemaTopic schemas = service.parts.track(PipelineKafka.prepare(kafka, settings));
      PipelineTopics topics = new PipelineTopics(schemas);
      StreamsApp.Placement placement =
          new StreamsApp.Placement(config.stateDir(), config.instanceId());
      TransformConfig.Telemetry telemetry = config.telemetry();
      if (telemetry.enabled()) {
        if (telemetry.atLeastOnce()) {
          log.warn(
              "The telemetry topology runs at_least_once: after a crash a batch's readings,"
                  + " aggregates and alerts may be written again, duplicates included");
        }
        service.apps.add(
            service.parts.track(
                new StreamsApp(
                    kafka,
                    telemetry.applicationId(),
                    telemetry.guarantee(),
                    placement,
                    topics.transformDeadLetters().name(),
                    TelemetryTopology.STAGE,
                    TelemetryTopology.build(topics, telemetry.dedupWindow(), telemetry.grace()),
                    metrics.registry())));
      } else {
        log.info("Telemetry topology is off (TELEMETRY_ENABLED=false)");
      }
      if (!steps.isEmpty()) {
        StepTopics.prepare(kafka, settings, steps, topics);
      }
      for (ExpressStep step : steps) {
        service.apps.add(
            service.parts.track(
                new StreamsApp(
                    kafka,
                    config.stepsApplicationPrefix() + step.step().name(),
                    step.step().processingGuarantee(),
                    placement,
                    step.step().deadLetters(),
                    ExpressStepTopology.stage(step.step().name()),
                    ExpressStepTopology.build(step.step(), step.machine(), topics),
                    metrics.registry())));
      }
      if (etl.isPresent()) {
        S3Client client = service.parts.track(s3.orElseThrow().newClient());
        service.parts.track(EtlWorkers.start(kafka, client, etl.get()));
        log.info(
            "Batch ETL workers running ({}, {}, {})",
            EtlWorkers.VALIDATE,
            EtlWorkers.TRANSFORM,
            EtlWorkers.CATALOG);
      } else {
        log.info("Batch ETL workers are off: set ETL_SCHEMA_FILE to run them");
      }
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(config.host());
      connector.setPort(config.port());
      server.addConnector(connector);
      server.setHandler(new ServiceEndpoints(metrics.registry(), service::health));
      server.start();
      service.parts.track(server::stop);
      service.uri =
          URI.create(
              "http://"
                  + (config.host().equals("0.0.0.0") ? "localhost" : config.host())
                  + ":"
                  + connector.getLocalPort());
      service.apps.forEach(StreamsApp::start);
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    } catch (Exception e) {
      service.close();
      throw new IllegalStateException("The transform service's HTTP server did not start", e);
    }
  }

  /** Where {@code /health} and {@code /metrics} answer. */
  public URI uri() {
    return uri;
  }

  /** The topologies it runs. */
  public List<StreamsApp> apps() {
    return List.copyOf(apps);
  }

  /** Whether each topology runs, by application id, as {@code /health} reports it. */
  public Map<String, PartHealth> health() {
    Map<String, PartHealth> health = new TreeMap<>();
    apps.forEach(app -> health.put(app.applicationId(), app.health()));
    return health;
  }

  @Override
  public void close() {
    parts.close();
  }
}
