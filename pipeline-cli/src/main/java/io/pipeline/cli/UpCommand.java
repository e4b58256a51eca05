package io.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.Settings;
import io.pipeline.ingest.IngestService;
import io.pipeline.localstack.Ports;
import io.pipeline.localstack.kafka.EmbeddedKafkaBroker;
import io.pipeline.localstack.mqtt.MosquittoBroker;
import io.pipeline.localstack.s3.EmbeddedS3Server;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.localstack.sqs.EmbeddedSqsServer;
import io.pipeline.localstack.sqs.SqsEndpoint;
import io.pipeline.orchestrator.OrchestratorConfig;
import io.pipeline.orchestrator.OrchestratorService;
import io.pipeline.orchestrator.console.ConsoleConfig;
import io.pipeline.transform.TransformService;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * {@code ./pipeline up}: the whole pipeline in one JVM on the embedded default: Apache Kafka's
 * KRaft broker, an S3 server and Mosquitto, with their data under {@code .pipeline/} so that a
 * restart keeps topics, objects and state, then every service that exists so far.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the pipeline on this machine: an embedded Kafka broker, an S3 server, an MQTT broker"
          + " (Mosquitto) and the pipeline's services, until Ctrl-C.",
      "An external server is used instead where KAFKA_BOOTSTRAP_SERVERS, S3_ENDPOINT or MQTT_URL"
          + " names one."
    })
class UpCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger log = LoggerFactory.getLogger(UpCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      description = "Where the stack keeps its data (default: .pipeline in the project).")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka broker port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--s3-port",
      defaultValue = "9000",
      description = "S3 API port (default: ${DEFAULT-VALUE}).")
  int s3Port;

  @Option(
      names = "--mqtt-port",
      defaultValue = "1883",
      description = "MQTT port (default: ${DEFAULT-VALUE}).")
  int mqttPort;

  @Option(
      names = "--sqs-port",
      defaultValue = "9324",
      description =
          "SQS port (ElasticMQ) of the bucket's S3 event notifications (default: ${DEFAULT-VALUE}).")
  int sqsPort;

  @Option(
      names = "--http-port",
      defaultValue = "8081",
      description =
          "Ingest HTTP port: produce endpoint, /metrics, /health (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--api-port",
      defaultValue = "8083",
      description =
          "Step Functions API port (aws stepfunctions --endpoint-url) (default: ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(
      names = "--transform-port",
      defaultValue = "8084",
      description =
          "Transform service port: /metrics, /health of the streaming topologies (default:"
              + " ${DEFAULT-VALUE}).")
  int transformPort;

  @Option(
      names = "--bucket",
      defaultValue = "landing",
      description = "Bucket whose new objects become S3ObjectEvents (default: ${DEFAULT-VALUE}).")
  String bucket;

  @Option(
      names = "--trigger-prefix",
      defaultValue = "incoming/",
      description =
          "New objects of the bucket under this prefix start the --trigger-state-machine"
              + " (default: ${DEFAULT-VALUE}).")
  String triggerPrefix;

  @Option(
      names = "--trigger-state-machine",
      defaultValue = "on-new-object",
      description =
          "Name of the state machine each new object under --trigger-prefix starts, with the"
              + " S3ObjectEvent as input (default: ${DEFAULT-VALUE}); create it first.")
  String triggerStateMachine;

  @Option(
      names = "--listing-interval",
      defaultValue = "1s",
      converter = ConsumeCommand.DurationConverter.class,
      description =
          "How often the bucket is listed, when S3 is an external store without notifications"
              + " (default: ${DEFAULT-VALUE}).")
  Duration listingInterval;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private Settings environment;

  /** The settings the services were started with. */
  Settings environment() {
    return environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    environment = environment(Settings.fromEnvironment());
    Path data = Optional.ofNullable(dataDir).orElseGet(this::defaultData).toAbsolutePath();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!running.isEmpty()) {
                    out.println("Stopping...");
                    out.flush();
                  }
                  stopAll();
                  stopped.countDown();
                },
                "pipeline-shutdown"));
    int code;
    try {
      Stack stack = start(out, data);
      code = ready(stack, out, data);
    } catch (RuntimeException e) {
      stopAll();
      throw e;
    }
    if (code != 0 || !stayUp()) {
      stopAll();
      return code;
    }
    stopped.await();
    return 0;
  }

  /** The settings the services get: the environment's, to which a subclass may add. */
  Settings environment(Settings fromEnvironment) {
    return fromEnvironment;
  }

  /** Where the data goes when {@code --data-dir} is not given. */
  Path defaultData() {
    return defaultDataDir();
  }

  /** Whether to keep running after {@link #ready} until Ctrl-C. */
  boolean stayUp() {
    return true;
  }

  /**
   * Everything runs: says so, with where each part answers.
   *
   * @return the exit code should the command not stay up
   */
  int ready(Stack stack, PrintWriter out, Path data) {
    new ReadyBanner(
            bucket,
            listingInterval,
            triggerPrefix,
            triggerStateMachine,
            environment.raw(OrchestratorConfig.CREDENTIALS.name()).isPresent(),
            ownConsoleUsers())
        .print(
            out,
            new ReadyBanner.Endpoints(
                stack.kafka(),
                stack.s3(),
                stack.sqsQueue(),
                stack.mqtt(),
                stack.ingest(),
                stack.api(),
                stack.console(),
                stack.transform()),
            data);
    return 0;
  }

  /** Where the stack's parts answer. */
  record Stack(
      String kafka,
      S3Endpoint s3,
      Optional<String> sqsQueue,
      Optional<String> mqtt,
      URI ingest,
      URI api,
      URI console,
      URI transform) {}

  private Stack start(PrintWriter out, Path data) {
    String kafka =
        external(out, "Kafka", "KAFKA_BOOTSTRAP_SERVERS")
            .orElseGet(
                () ->
                    step(
                        out,
                        "Starting the Kafka broker (KRaft, in this JVM)",
                        () ->
                            track(
                                    EmbeddedKafkaBroker.launch(
                                        data.resolve("kafka"), kafkaPort, Map.of()))
                                .bootstrapServers()));
    Optional<EmbeddedS3Server> embeddedS3 =
        external(out, "S3", "S3_ENDPOINT").isPresent()
            ? Optional.empty()
            : Optional.of(
                step(
                    out,
                    "Starting the S3 server (S3Proxy, in this JVM)",
                    () -> track(EmbeddedS3Server.start(Optional.of(data.resolve("s3")), s3Port))));
    S3Endpoint s3 =
        embeddedS3
            .map(EmbeddedS3Server::endpoint)
            .orElseGet(() -> S3Endpoint.fromEnvironment(environmentMap()).orElseThrow());
    Optional<String> mqtt = external(out, "MQTT", "MQTT_URL").or(() -> startMosquitto(out, data));
    step(out, "Creating bucket '" + bucket + "'", () -> createBucket(s3));
    // The embedded S3 server announces new objects the AWS way, through an SQS queue; an
    // external store is listed instead (its own notifications are configured where it runs).
    Optional<Notifications> notifications =
        embeddedS3.map(
            server ->
                step(
                    out,
                    "Starting SQS (ElasticMQ, in this JVM) for the bucket's event notifications",
                    () -> notifications(server)));
    IngestService ingest =
        step(
            out,
            "Starting ingest service (S3 notifications or listing, MQTT bridge, HTTP produce"
                + " endpoint)",
            () -> {
              Ports.requireFree(httpPort, "the ingest HTTP server");
              return track(
                  IngestService.start(settings().ingest(kafka, s3, notifications, mqtt, data)));
            });
    OrchestratorService orchestrator =
        step(
            out,
            "Starting orchestrator (state machines, Step Functions API)",
            () -> {
              Ports.requireFree(apiPort, "the Step Functions API");
              OrchestratorService service =
                  track(OrchestratorService.start(settings().orchestrator(kafka, s3, data)));
              try {
                if (!service.awaitRunning(Duration.ofSeconds(120))) {
                  throw new IllegalStateException(
                      "the orchestrator's runtime did not start (" + service.runtimeState() + ")");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the orchestrator started", e);
              }
              return service;
            });
    TransformService transform =
        step(
            out,
            "Starting transform service (telemetry topology, Express steps, batch ETL workers)",
            () -> {
              Ports.requireFree(transformPort, "the transform service's HTTP port");
              return track(TransformService.start(settings().transform(kafka, s3, data)));
            });
    return new Stack(
        kafka,
        s3,
        notifications.map(Notifications::queueUrl),
        mqtt,
        ingest.httpUri(),
        orchestrator.apiUri(),
        orchestrator.consoleUri(),
        transform.uri());
  }

  /** The queue the embedded S3 server sends the bucket's notifications to. */
  record Notifications(SqsEndpoint sqs, String queueUrl) {}

  private Notifications notifications(EmbeddedS3Server s3) {
    Ports.requireFree(sqsPort, "SQS (ElasticMQ)");
    SqsEndpoint sqs = track(EmbeddedSqsServer.start(sqsPort)).endpoint();
    String queueUrl = sqs.createQueue(bucket + "-events");
    s3.notifications(track(sqs.newClient())).toQueue(bucket, queueUrl);
    return new Notifications(sqs, queueUrl);
  }

  private java.util.Map<String, String> environmentMap() {
    java.util.Map<String, String> values = new HashMap<>();
    for (String name :
        new String[] {"S3_ENDPOINT", "S3_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}) {
      environment.raw(name).ifPresent(v -> values.put(name, v));
    }
    return values;
  }

  private Optional<String> external(PrintWriter out, String what, String variable) {
    Optional<String> value = environment.raw(variable).filter(v -> !v.isBlank());
    value.ifPresent(v -> out.println(what + ": using " + v + " (from " + variable + ")"));
    return value;
  }

  private Optional<String> startMosquitto(PrintWriter out, Path data) {
    Optional<Path> mosquitto = MosquittoBroker.findExecutable();
    if (mosquitto.isEmpty()) {
      out.println(
          "MQTT: no broker (install Mosquitto: apt-get install mosquitto, or set MQTT_URL);"
              + " continuing without MQTT");
      return Optional.empty();
    }
    return Optional.of(
        step(
            out,
            "Starting the MQTT broker (Mosquitto)",
            () ->
                track(MosquittoBroker.start(mosquitto.get(), data.resolve("mqtt"), mqttPort))
                    .endpoint()
                    .uri()
                    .toString()));
  }

  private Object createBucket(S3Endpoint s3) {
    try (S3Client client = s3.newClient()) {
      if (!client.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
        client.createBucket(b -> b.bucket(bucket));
      }
    } catch (BucketAlreadyOwnedByYouException alreadyThere) {
      // Created by an earlier run: nothing to do.
    }
    return bucket;
  }

  <T> T step(PrintWriter out, String what, Supplier<T> start) {
    out.print(what + "... ");
    out.flush();
    long started = System.nanoTime();
    T result;
    try {
      result = start.get();
    } catch (Ports.PortInUseException e) {
      out.println("failed");
      out.flush();
      throw new UserException(e.getMessage() + " (" + portOption(e.port()) + ")", e);
    } catch (RuntimeException e) {
      out.println("failed");
      out.flush();
      throw e;
    }
    out.printf("ok (%.1f s)%n", (System.nanoTime() - started) / 1e9);
    out.flush();
    return result;
  }

  private String portOption(int port) {
    if (port == kafkaPort) {
      return "--kafka-port";
    }
    if (port == httpPort) {
      return "--http-port";
    }
    if (port == sqsPort) {
      return "--sqs-port";
    }
    if (port == apiPort) {
      return "--api-port";
    }
    if (port == transformPort) {
      return "--transform-port";
    }
    return port == s3Port ? "--s3-port" : "--mqtt-port";
  }

  private UpSettings settings() {
    return new UpSettings(
        environment,
        bucket,
        listingInterval,
        triggerPrefix,
        triggerStateMachine,
        new UpSettings.Ports(httpPort, apiPort, transformPort));
  }

  /** Whether the console takes users of the user's own rather than the documented local one. */
  boolean ownConsoleUsers() {
    return environment.raw(ConsoleConfig.USERS.name()).isPresent();
  }

  <T extends AutoCloseable> T track(T part) {
    running.push(part);
    return part;
  }

  synchronized void stopAll() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        log.warn("A part of the stack did not stop cleanly", e);
      }
    }
  }

  static Path defaultDataDir() {
    return Optional.ofNullable(System.getenv("PIPELINE_HOME"))
        .map(Path::of)
        .orElse(Path.of(""))
        .resolve(".pipeline");
  }
}
