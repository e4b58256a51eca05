package io.pipeline.localstack.kafka;

import io.pipeline.localstack.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Apache Kafka's own KRaft broker (combined broker and controller) running in this JVM: the
 * production code path, not a mock. Its log directory and ports survive {@link #stop()} and {@link
 * #start()}, so a test can restart the broker and find its data again, and {@code ./pipeline up}
 * keeps topics across runs.
 */
public final class EmbeddedKafkaBroker implements KafkaCluster {

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(
      Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Formats the log directory when it is new, then starts the broker.
   *
   * @param dataDir where the broker keeps its logs and metadata
   * @param brokerPort the client port, or 0 for any free port
   * @param overrides broker settings that replace the single-node defaults
   * @throws io.pipeline.localstack.Ports.PortInUseException when the port is taken
   */
  public static EmbeddedKafkaBroker launch(
      Path dataDir, int brokerPort, Map<String, String> overrides) {
    Objects.requireNonNull(dataDir, "dataDir");
    Ports.requireFree(brokerPort, "the Kafka broker");
    int port = brokerPort == 0 ? Ports.free() : brokerPort;
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(dataDir.toAbsolutePath(), port, Ports.free(), overrides);
    broker.start();
    return broker;
  }

  @Override
  public String bootstrapServers() {
    return "localhost:" + brokerPort;
  }

  @Override
  public KafkaBackend backend() {
    return KafkaBackend.EMBEDDED;
  }

  /** The directory holding the broker's logs. */
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public synchronized void start() {
    if (server != null) {
      return;
    }
    Ports.requireFree(brokerPort, "the Kafka broker");
    Properties props = brokerProperties();
    format(props);
    KafkaRaftServer raftServer =
        new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    raftServer.startup();
    server = raftServer;
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  @Override
  public void close() {
    stop();
  }

  private Properties brokerProperties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dataDir.resolve("logs").toString());
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // The cleaner's default 128 MiB dedupe buffer is most of an embedded broker's heap.
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
    props.putAll(overrides);
    return props;
  }

  private void format(Properties props) {
    try {
      Files.createDirectories(dataDir);
      Path config = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "embedded Kafka broker, written by pipeline-localstack");
      }
      Path clusterIdFile = dataDir.resolve("cluster.id");
      if (!Files.exists(clusterIdFile)) {
        Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
      }
      String clusterId = Files.readString(clusterIdFile).trim();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int exit;
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exit =
            StorageTool.execute(
                new String[] {
                  "format",
                  "--cluster-id",
                  clusterId,
                  "--config",
                  config.toString(),
                  "--standalone",
                  "--ignore-formatted"
                },
                print);
      }
      if (exit != 0) {
        throw new IllegalStateException(
            "Formatting the Kafka log directory "
                + dataDir
                + " failed: "
                + output.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Kafka data directory " + dataDir, e);
    }
  }
}
