package io.pipeline.ingest.http;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipeline.common.http.PartHealth;
import io.pipeline.common.http.ServiceEndpoints;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.TopicAdmin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service's HTTP server (Jetty 12 core handlers, asynchronous): {@code POST
 * /topics/{topic}} to produce JSON records, {@code GET /metrics} in Prometheus' format, {@code GET
 * /health}, and any handler another part mounts at a path of its own ({@link Builder#route}). Other
 * paths answer 404 in JSON.
 */
public final class IngestHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestHttpServer.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Server server;
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;
  private final KafkaClientMetrics producerMetrics;
  private final URI uri;

  private IngestHttpServer(
      Server server,
      KafkaProducer<String, byte[]> producer,
      Admin admin,
      KafkaClientMetrics producerMetrics,
      URI uri) {
    this.server = server;
    this.producer = producer;
    this.admin = admin;
    this.producerMetrics = producerMetrics;
    this.uri = uri;
  }

  /**
   * A builder for a server.
   *
   * @param config port, limits, idempotency window
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics (whose values are Avro)
   * @param writerSchemas where Avro serdes resolve writer schemas
   * @param metrics the ingest metrics; their registry must be a {@link PrometheusMeterRegistry}
   */
  public static Builder builder(
      IngestHttpConfig config,
      KafkaSettings kafka,
      PipelineTopics topics,
      SchemaStore writerSchemas,
      IngestMetrics metrics) {
    return new Builder(config, kafka, topics, writerSchemas, metrics);
  }

  /** Builds and starts an {@link IngestHttpServer}. */
  public static final class Builder {
    private final IngestHttpConfig config;
    private final KafkaSettings kafka;
    private final PipelineTopics topics;
    private final SchemaStore writerSchemas;
    private final IngestMetrics metrics;
    private final PrometheusMeterRegistry registry;
    private final Map<String, Handler> routes = new LinkedHashMap<>();
    private Supplier<Map<String, PartHealth>> health = Map::of;
    private Optional<Short> replicationFactor = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder(
        IngestHttpConfig config,
        KafkaSettings kafka,
        PipelineTopics topics,
        SchemaStore writerSchemas,
        IngestMetrics metrics) {
      this.config = Objects.requireNonNull(config, "config");
      this.kafka = Objects.requireNonNull(kafka, "kafka");
      this.topics = Objects.requireNonNull(topics, "topics");
      this.writerSchemas = Objects.requireNonNull(writerSchemas, "writerSchemas");
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      if (!(metrics.registry() instanceof PrometheusMeterRegistry prometheus)) {
        throw new IllegalArgumentException("/metrics needs a PrometheusMeterRegistry");
      }
      this.registry = prometheus;
    }

    /**
     * Mounts a handler at a path: it serves the path itself and every path below it (e.g. {@code
     * /s3/webhook} serves {@code /s3/webhook} and {@code /s3/webhook/minio}).
     *
     * @param path starts with {@code /}, does not end with one
     */
    public Builder route(String path, Handler handler) {
      if (!path.startsWith("/") || path.endsWith("/") || path.contains("*")) {
        throw new IllegalArgumentException(
            "a route is a path such as /s3/webhook, not '" + path + "'");
      }
      if (routes.putIfAbsent(path, Objects.requireNonNull(handler, "handler")) != null) {
        throw new IllegalArgumentException("path " + path + " is mounted twice");
      }
      return this;
    }

    /** Mounts several handlers, by path. */
    public Builder routes(Map<String, Handler> handlers) {
      handlers.forEach(this::route);
      return this;
    }

    /** What {@code /health} reports: each part's name and health. */
    public Builder health(Supplier<Map<String, PartHealth>> parts) {
      this.health = Objects.requireNonNull(parts, "parts");
      return this;
    }

    /** Replication factor of the idempotency topic when it is created. */
    public Builder replicationFactor(Optional<Short> factor) {
      this.replicationFactor = Objects.requireNonNull(factor, "factor");
      return this;
    }

    /** The clock idempotency windows are measured with. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Creates the idempotency topic if missing, reads it back, and starts listening.
     *
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot be reached
     * @throws IllegalStateException when the port cannot be bound
     */
    public IngestHttpServer start() {
      return IngestHttpServer.start(this);
    }
  }

  private static IngestHttpServer start(Builder b) {
    Admin admin = Admin.create(b.kafka.clientConfig(Map.of()));
    KafkaProducer<String, byte[]> producer = null;
    try {
      new TopicAdmin(admin)
          .ensure(List.of(IdempotencyLog.topic(b.config.idempotencyWindow())), b.replicationFactor);
      IdempotencyStore idempotency =
          new IdempotencyStore(
              b.config.idempotencyWindow(), b.config.idempotencyMaxKeys(), b.clock);
      IdempotencyLog.restore(b.kafka, idempotency);
      producer = newProducer(b.kafka, b.config);
      // Fetches the log's metadata now rather than with the first request.
      producer.partitionsFor(IdempotencyLog.NAME);
      KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
      producerMetrics.bindTo(b.registry);

      QueuedThreadPool threads = new QueuedThreadPool(50, 4, 60_000);
      threads.setName("ingest-http");
      Server server = new Server(threads);
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(b.config.host());
      connector.setPort(b.config.port());
      server.addConnector(connector);

      PathMappingsHandler paths = new PathMappingsHandler();
      ProduceHandler produce =
          new ProduceHandler(
              b.config.maxBodyBytes(),
              new TopicLookup(admin, b.topics, b.writerSchemas, b.clock),
              producer,
              idempotency,
              b.metrics,
              threads,
              b.clock);
      paths.addMapping(PathSpec.from(ProduceHandler.PREFIX + "*"), produce);
      b.routes.forEach((path, handler) -> paths.addMapping(PathSpec.from(path + "/*"), handler));
      List<String> known = new ArrayList<>(List.of("/topics/{topic}"));
      known.addAll(ServiceEndpoints.PATHS);
      known.addAll(b.routes.keySet());
      paths.addMapping(PathSpec.from("/"), new NotFoundHandler(String.join(", ", known)));
      // Stopping lets requests in progress get their answer (new ones get 503) for a while.
      GracefulHandler graceful =
          new GracefulHandler(
              new Handler.Sequence(new ServiceEndpoints(b.registry, b.health), paths));
      server.setHandler(graceful);
      server.setStopTimeout(STOP_TIMEOUT.toMillis());
      try {
        server.start();
      } catch (Exception e) {
        throw new IllegalStateException(
            "Cannot start the ingest HTTP server on "
                + b.config.host()
                + ":"
                + b.config.port()
                + " (INGEST_HTTP_HOST, INGEST_HTTP_PORT): "
                + e.getMessage(),
            e);
      }
      String host = "0.0.0.0".equals(b.config.host()) ? "localhost" : b.config.host();
      URI uri = URI.create("http://" + host + ":" + connector.getLocalPort());
      log.info("Ingest HTTP server listens on {} (produce: POST {}/topics/<topic>)", uri, uri);
      return new IngestHttpServer(server, producer, admin, producerMetrics, uri);
    } catch (RuntimeException e) {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
      admin.close(Duration.ofSeconds(5));
      throw e;
    }
  }

  private static KafkaProducer<String, byte[]> newProducer(
      KafkaSettings kafka, IngestHttpConfig config) {
    return new KafkaProducer<>(
        kafka.reliableProducerConfig(
            "ingest-http",
            Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                10_000,
                // What passes the endpoint's own checks must not be refused by the producer.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Math.max(1024 * 1024, config.maxBodyBytes() + 64 * 1024))),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** The server's base URI, e.g. {@code http://localhost:8081}. */
  public URI uri() {
    return uri;
  }

  /** Whether the server is running. */
  public boolean isRunning() {
    return server.isRunning();
  }

  /** Stops accepting requests, then waits for records in flight and closes the Kafka clients. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("Ingest HTTP server did not stop cleanly", e);
    }
    producerMetrics.close();
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(5));
  }
}
