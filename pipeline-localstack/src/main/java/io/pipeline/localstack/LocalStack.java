package io.pipeline.localstack;

import io.pipeline.localstack.kafka.KafkaCluster;
import io.pipeline.localstack.kafka.KafkaClusters;
import io.pipeline.localstack.mqtt.MosquittoBroker;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.localstack.s3.EmbeddedS3Server;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.localstack.s3.S3Notifications;
import io.pipeline.localstack.sqs.EmbeddedSqsServer;
import io.pipeline.localstack.sqs.SqsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;

/**
 * The servers the pipeline talks to, for tests: a Kafka cluster, an S3 API and an MQTT broker. Each
 * is started on first use and chosen by the environment: an external server where its variable
 * names one ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code S3_ENDPOINT}, {@code MQTT_URL}), otherwise a
 * real server started here (Kafka's KRaft broker in this JVM or in a container, S3Proxy in this
 * JVM, Mosquitto as a child process).
 */
public final class LocalStack implements AutoCloseable {

  /** Environment variable naming an external S3 endpoint. */
  public static final String S3_ENDPOINT_ENV = "S3_ENDPOINT";

  /** Environment variable naming an external MQTT broker, e.g. {@code mqtt://host:1883}. */
  public static final String MQTT_URL_ENV = "MQTT_URL";

  private final Map<String, String> env;
  private final Path dataDir;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private KafkaCluster kafka;
  private S3Endpoint s3;
  private EmbeddedS3Server embeddedS3;
  private SqsEndpoint sqs;
  private S3Notifications s3Notifications;
  private MqttEndpoint mqtt;

  private LocalStack(Map<String, String> env, Path dataDir) {
    this.env = Map.copyOf(env);
    this.dataDir = dataDir;
  }

  /**
   * A stack chosen by this process's environment, keeping its data in a new temporary folder,
   * deleted when the stack closes.
   */
  public static LocalStack fromEnvironment() {
    try {
      return new LocalStack(System.getenv(), Files.createTempDirectory("pipeline-localstack"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a folder for the local stack", e);
    }
  }

  /** The Kafka cluster, started on first use. */
  public synchronized KafkaCluster kafka() {
    if (kafka == null) {
      kafka = track(KafkaClusters.forEnvironment(env, dataDir.resolve("kafka")));
    }
    return kafka;
  }

  /** The S3 endpoint, started on first use. */
  public synchronized S3Endpoint s3() {
    if (s3 == null) {
      s3 =
          S3Endpoint.fromEnvironment(env)
              .orElseGet(
                  () -> {
                    embeddedS3 = track(EmbeddedS3Server.start(Optional.empty(), 0));
                    return embeddedS3.endpoint();
                  });
    }
    return s3;
  }

  /** The SQS endpoint (ElasticMQ in this JVM), started on first use. */
  public synchronized SqsEndpoint sqs() {
    if (sqs == null) {
      sqs = track(EmbeddedSqsServer.start(0)).endpoint();
    }
    return sqs;
  }

  /**
   * The bucket notification configuration of the S3 server: which buckets announce new objects on
   * which queues of {@link #sqs()}, as S3 event notifications to SQS do.
   *
   * @throws IllegalStateException when S3 is an external store, whose notifications are its own
   */
  public synchronized S3Notifications s3Notifications() {
    if (s3Notifications == null) {
      s3();
      if (embeddedS3 == null) {
        throw new IllegalStateException(
            S3_ENDPOINT_ENV
                + " names an external S3 store; bucket notifications are configured only on the"
                + " embedded S3 server");
      }
      s3Notifications = embeddedS3.notifications(track(sqs().newClient()));
    }
    return s3Notifications;
  }

  /**
   * The MQTT broker, started on first use.
   *
   * @throws IllegalStateException when no broker is given and Mosquitto is not installed
   */
  public synchronized MqttEndpoint mqtt() {
    if (mqtt == null) {
      mqtt = external(MQTT_URL_ENV).map(MqttEndpoint::parse).orElseGet(startMosquitto());
    }
    return mqtt;
  }

  private Supplier<MqttEndpoint> startMosquitto() {
    return () -> {
      Path executable =
          MosquittoBroker.findExecutable()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "No MQTT broker: set "
                              + MQTT_URL_ENV
                              + " or install Mosquitto (apt-get install mosquitto)"));
      return track(MosquittoBroker.start(executable, dataDir.resolve("mosquitto"), 0)).endpoint();
    };
  }

  /** A name no other test uses, for topics, groups, buckets and application ids. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The folder the stack keeps its data in. */
  public Path dataDir() {
    return dataDir;
  }

  private Optional<String> external(String variable) {
    return Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank());
  }

  private <T extends AutoCloseable> T track(T server) {
    started.push(server);
    return server;
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        failure = failed(failure, e);
      }
    }
    // The data lives as long as the stack: a benchmark leaves gigabytes of Kafka logs behind.
    try {
      Utils.delete(dataDir.toFile());
    } catch (IOException e) {
      failure = failed(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException failed(RuntimeException failure, Exception e) {
    if (failure == null) {
      return new IllegalStateException("The local stack did not stop cleanly", e);
    }
    failure.addSuppressed(e);
    return failure;
  }
}
