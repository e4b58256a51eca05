package io.pipeline.orchestrator;

import io.pipeline.client.CommandGateway;
import io.pipeline.common.config.Settings;
import io.pipeline.common.http.PartHealth;
import io.pipeline.common.http.ServiceEndpoints;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.common.metrics.ServiceMetrics;
import io.pipeline.orchestrator.activities.ActivityPollConfig;
import io.pipeline.orchestrator.activities.ActivityPolls;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.orchestrator.api.ApiRateLimits;
import io.pipeline.orchestrator.api.Peers;
import io.pipeline.orchestrator.api.SigV4Verifier;
import io.pipeline.orchestrator.api.StepFunctionsActions;
import io.pipeline.orchestrator.api.StepFunctionsHandler;
import io.pipeline.orchestrator.console.ConsoleAssets;
import io.pipeline.orchestrator.console.ConsoleConfig;
import io.pipeline.orchestrator.console.ConsoleHandler;
import io.pipeline.orchestrator.console.ConsoleUsers;
import io.pipeline.orchestrator.express.ExpressChildren;
import io.pipeline.orchestrator.express.ExpressService;
import io.pipeline.orchestrator.integrations.HttpInvokeConfig;
import io.pipeline.orchestrator.integrations.HttpInvokeIntegration;
import io.pipeline.orchestrator.integrations.IntegrationRunner;
import io.pipeline.orchestrator.integrations.Integrations;
import io.pipeline.orchestrator.integrations.aws.LambdaIntegration;
import io.pipeline.orchestrator.integrations.aws.LambdaIntegrationConfig;
import io.pipeline.orchestrator.integrations.aws.S3Integration;
import io.pipeline.orchestrator.integrations.aws.S3IntegrationConfig;
import io.pipeline.orchestrator.integrations.aws.S3ItemReader;
import io.pipeline.orchestrator.integrations.aws.S3ResultWriter;
import io.pipeline.orchestrator.machines.ActivityRegistry;
import io.pipeline.orchestrator.machines.MapRunCatalog;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.orchestrator.machines.TagCatalog;
import io.pipeline.orchestrator.overview.InstanceMeters;
import io.pipeline.orchestrator.overview.PipelineOverview;
import io.pipeline.orchestrator.runtime.ActivityTopics;
import io.pipeline.orchestrator.runtime.Definitions;
import io.pipeline.orchestrator.runtime.RuntimeConfig;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import io.pipeline.orchestrator.triggers.ExecutionStarter;
import io.pipeline.orchestrator.triggers.ScheduleRule;
import io.pipeline.orchestrator.triggers.ScheduleRunner;
import io.pipeline.orchestrator.triggers.TriggerConsumer;
import io.pipeline.orchestrator.triggers.TriggerRules;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator service: the state machines, the Standard runtime and the Step Functions API,
 * whose port also serves {@code GET /metrics} and {@code GET /health} ({@link ServiceEndpoints})
 * and the console under {@code /console} ({@link ConsoleHandler}, with the pipeline overview it
 * shows, {@link PipelineOverview}). Reads and validates all its settings before it starts anything.
 */
public final class OrchestratorService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrchestratorService.class);

  private final Parts parts = new Parts("Orchestrator service");
  private URI apiUri;
  private StandardRuntime runtime;

  private OrchestratorService() {}

  /** How many integration calls an instance keeps open at once. */
  private static final int INTEGRATION_CALLS_IN_FLIGHT = 64;

  /**
   * Starts the service.
   *
   * @throws io.pipeline.common.config.ConfigException when a setting is wrong
   */
  public static OrchestratorService start(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    OrchestratorConfig config = OrchestratorConfig.from(settings);
    ConsoleConfig console = ConsoleConfig.from(settings);
    RuntimeConfig runtimeConfig = RuntimeConfig.from(settings);
    ActivityPollConfig activityPolls = ActivityPollConfig.from(settings);
    TriggerRules triggers = TriggerRules.from(settings);
    List<ScheduleRule> schedules = ScheduleRule.from(settings);
    OrchestratorService service = new OrchestratorService();
    try {
      ServiceMetrics metrics = service.parts.track(new ServiceMetrics());
      SchemaTopic schemas = service.parts.track(PipelineKafka.prepare(kafka, settings));
      PipelineTopics topics = new PipelineTopics(schemas);
      StateMachineRegistry machines =
          service.parts.track(
              new StateMachineRegistry(
                  kafka, topics, config.region(), config.account(), Clock.systemUTC()));
      ActivityRegistry activities =
          service.parts.track(
              new ActivityRegistry(
                  kafka, topics, config.region(), config.account(), Clock.systemUTC()));
      TagCatalog tags = service.parts.track(new TagCatalog(kafka, topics));
      MapRunCatalog mapRuns = service.parts.track(new MapRunCatalog(kafka, topics));
      // The API's port is bound first: the runtime tells the other instances where it answers.
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(config.host());
      connector.setPort(config.port());
      server.addConnector(connector);
      connector.open();
      service.parts.track(connector::close);
      HostInfo self = new HostInfo(config.reachableHost(), connector.getLocalPort());
      S3Integration s3 =
          service.parts.track(S3Integration.create(S3IntegrationConfig.from(settings)));
      Integrations integrations =
          new Integrations(
              List.of(
                  new HttpInvokeIntegration(HttpInvokeConfig.from(settings)),
                  s3,
                  service.parts.track(S3ItemReader.sharing(s3)),
                  S3ResultWriter.sharing(s3),
                  service.parts.track(
                      LambdaIntegration.create(LambdaIntegrationConfig.from(settings))),
                  service.parts.track(
                      new ExpressChildren(
                          new Definitions(machines::revision, Definitions.VIEW_LAG),
                          Clock.systemUTC()))));
      StandardRuntime runtime =
          service.parts.track(
              new StandardRuntime(
                  runtimeConfig,
                  kafka,
                  topics,
                  schemas,
                  machines,
                  metrics.registry(),
                  self,
                  integrations::serves));
      Peers peers = service.parts.track(new Peers(config.peerKey(), Clock.systemUTC()));
      if (config.localPeerKey()) {
        log.warn(
            "Instances sign their internal requests with the public local key; set"
                + " ORCHESTRATOR_PEER_KEY wherever the API port is reachable by others");
      }
      if (config.credentials().includesLocalPair()) {
        log.warn(
            "The Step Functions API accepts the documented local access key '{}'; set"
                + " ORCHESTRATOR_CREDENTIALS wherever the API port is reachable by others",
            ApiCredentials.LOCAL_ACCESS_KEY_ID);
      }
      warnAboutConsoleDefaults(console);
      CommandGateway commands =
          service.parts.track(new CommandGateway(kafka, topics, Clock.systemUTC()));
      ExpressService express =
          service.parts.track(
              new ExpressService(
                  kafka,
                  topics,
                  runtimeConfig.applicationId() + "-express",
                  new Definitions(machines::revision, Definitions.VIEW_LAG),
                  metrics.registry(),
                  Clock.systemUTC()));
      runtime.start();
      service.runtime = runtime;
      service.parts.track(
          new IntegrationRunner(
              kafka,
              topics,
              runtimeConfig.applicationId() + "-integrations",
              INTEGRATION_CALLS_IN_FLIGHT,
              integrations,
              commands));
      ExecutionStarter starter = new ExecutionStarter(machines, commands, express);
      if (!triggers.rules().isEmpty()) {
        service.parts.track(
            new TriggerConsumer(
                triggers, kafka, topics, runtimeConfig.applicationId() + "-triggers", starter));
      }
      if (!schedules.isEmpty()) {
        service.parts.track(
            new ScheduleRunner(
                schedules,
                starter,
                Clock.systemUTC(),
                name -> runtime.ownerOf(ScheduleRule.LEADER_KEY_PREFIX + name).local()));
      }
      PipelineOverview overview =
          service.parts.track(
              new PipelineOverview(
                  Admin.create(kafka.clientConfig(Map.of())),
                  console.overviewInterval(),
                  console.overviewWindow(),
                  Clock.systemUTC()));
      ExecutorService api = Executors.newFixedThreadPool(4, DaemonThreads.named("sfn-api"));
      service.parts.track(api::shutdownNow);
      ActivityPolls polls =
          service.parts.track(new ActivityPolls(kafka, topics, activityPolls, metrics.registry()));
      StepFunctionsActions actions =
          new StepFunctionsActions(
              new StepFunctionsActions.Services(
                  machines,
                  runtime,
                  commands,
                  express,
                  new ActivityTopics(kafka, settings, topics),
                  api,
                  peers,
                  runtimeConfig.taskTokens(),
                  activities,
                  polls,
                  tags,
                  mapRuns,
                  ApiRateLimits.from(settings)));
      server.setHandler(
          new Handler.Sequence(
              new ServiceEndpoints(
                  metrics.registry(), () -> Map.of("runtime", PartHealth.of(runtime.state()))),
              new ConsoleHandler(
                  console,
                  ConsoleAssets.load(OrchestratorService.class.getClassLoader()),
                  actions,
                  overview,
                  new InstanceMeters(metrics.registry()),
                  Clock.systemUTC()),
              new StepFunctionsHandler(
                  actions,
                  new SigV4Verifier(config.credentials(), config.region(), Clock.systemUTC()))));
      server.start();
      service.parts.track(server::stop);
      String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
      service.apiUri = URI.create("http://" + host + ":" + connector.getLocalPort());
      log.info("Step Functions API at {} (other instances reach it at {})", service.apiUri, self);
      log.info("Console at {}", service.consoleUri());
      return service;
    } catch (Exception e) {
      service.close();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("The orchestrator did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Where the Step Functions API answers ({@code aws stepfunctions --endpoint-url}), and {@code
   * /metrics} and {@code /health}.
   */
  public URI apiUri() {
    return apiUri;
  }

  /** Where the console is: {@code /console/} of the API's port. */
  public URI consoleUri() {
    return apiUri.resolve(ConsoleHandler.PATH + "/");
  }

  /** The Standard runtime's Kafka Streams state. */
  public KafkaStreams.State runtimeState() {
    return runtime.state();
  }

  /**
   * Waits until the runtime has its partitions and answers queries, e.g. before a launcher says the
   * service is ready.
   *
   * @return whether it runs; false when it did not within the timeout or failed
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (runtime.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline
          || !runtime.state().isRunningOrRebalancing()
              && runtime.state() != KafkaStreams.State.CREATED) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static void warnAboutConsoleDefaults(ConsoleConfig console) {
    if (console.users().includesLocalUser()) {
      log.warn(
          "The console accepts the documented local user '{}'; set {} wherever the API port is"
              + " reachable by others",
          ConsoleUsers.LOCAL_NAME,
          ConsoleConfig.USERS.name());
    }
    if (console.generatedKey()) {
      log.info(
          "Console sessions are signed with a key made at start: they end with this process and"
              + " hold on this instance only; set {} to share one",
          ConsoleConfig.SESSION_KEY.name());
    }
  }

  @Override
  public void close() {
    parts.close();
  }
}
