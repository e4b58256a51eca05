package io.pipeline.orchestrator;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipeline.client.CommandGateway;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.orchestrator.api.StepFunctionsHandler;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.orchestrator.runtime.ActivityTopics;
import io.pipeline.orchestrator.runtime.RuntimeConfig;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator service: the state machines, the Standard runtime and the Step Functions API.
 * Reads and validates all its settings before it starts anything.
 */
public final class OrchestratorService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrchestratorService.class);

  private final Parts parts = new Parts("Orchestrator service");
  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private URI apiUri;

  private OrchestratorService() {}

  /**
   * Starts the service.
   *
   * @throws io.pipeline.common.config.ConfigException when a setting is wrong
   */
  public static OrchestratorService start(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    OrchestratorConfig config = OrchestratorConfig.from(settings);
    RuntimeConfig runtimeConfig = RuntimeConfig.from(settings);
    OrchestratorService service = new OrchestratorService();
    try {
      SchemaTopic schemas = service.parts.track(PipelineKafka.prepare(kafka, settings));
      PipelineTopics topics = new PipelineTopics(schemas);
      StateMachineRegistry machines =
          service.parts.track(
              new StateMachineRegistry(
                  kafka, topics, config.region(), config.account(), Clock.systemUTC()));
      StandardRuntime runtime =
          service.parts.track(
              new StandardRuntime(runtimeConfig, kafka, topics, schemas, machines, service.meters));
      CommandGateway commands =
          service.parts.track(new CommandGateway(kafka, topics, Clock.systemUTC()));
      runtime.start();
      ExecutorService api = Executors.newFixedThreadPool(4, DaemonThreads.named("sfn-api"));
      service.parts.track(api::shutdownNow);
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(config.host());
      connector.setPort(config.port());
      server.addConnector(connector);
      server.setHandler(
          new StepFunctionsHandler(
              machines, runtime, commands, new ActivityTopics(kafka, settings, topics), api));
      server.start();
      service.parts.track(server::stop);
      String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
      service.apiUri = URI.create("http://" + host + ":" + connector.getLocalPort());
      log.info("Step Functions API at {}", service.apiUri);
      return service;
    } catch (Exception e) {
      service.close();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("The orchestrator did not start: " + e.getMessage(), e);
    }
  }

  /** Where the Step Functions API answers ({@code aws stepfunctions --endpoint-url}). */
  public URI apiUri() {
    return apiUri;
  }

  @Override
  public void close() {
    parts.close();
  }
}
