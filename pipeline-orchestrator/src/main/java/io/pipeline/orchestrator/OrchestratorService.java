package io.pipeline.orchestrator;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.orchestrator.api.StepFunctionsHandler;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
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
 * The orchestrator service: the state machines and the Step Functions API so far; the Standard
 * runtime joins it next. Reads and validates all its settings before it starts anything.
 */
public final class OrchestratorService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrchestratorService.class);

  private final Parts parts = new Parts("Orchestrator service");
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
    OrchestratorService service = new OrchestratorService();
    try {
      SchemaTopic schemas = service.parts.track(PipelineKafka.prepare(kafka, settings));
      StateMachineRegistry machines =
          service.parts.track(
              new StateMachineRegistry(
                  kafka,
                  new PipelineTopics(schemas),
                  config.region(),
                  config.account(),
                  Clock.systemUTC()));
      ExecutorService api = Executors.newFixedThreadPool(4, DaemonThreads.named("sfn-api"));
      service.parts.track(api::shutdownNow);
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(config.host());
      connector.setPort(config.port());
      server.addConnector(connector);
      server.setHandler(new StepFunctionsHandler(machines, api));
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
