package io.pipeline.localstack.kafka;

/**
 * A Kafka cluster the stack or a test talks to: embedded in this JVM, in a container, or external.
 * Only an embedded broker can be stopped and restarted by the fixture.
 */
public interface KafkaCluster extends AutoCloseable {

  /** The bootstrap address for clients, e.g. {@code localhost:9092}. */
  String bootstrapServers();

  /** Which kind of cluster this is. */
  KafkaBackend backend();

  /**
   * Stops the broker, keeping its data and ports, so that {@link #start()} brings the same cluster
   * back.
   *
   * @throws UnsupportedOperationException when this cluster is not managed by the fixture
   */
  default void stop() {
    throw new UnsupportedOperationException(
        "A " + backend() + " Kafka cluster cannot be stopped by the fixture; use the embedded one");
  }

  /**
   * Starts the broker again after {@link #stop()}, on the same ports with the same data.
   *
   * @throws UnsupportedOperationException when this cluster is not managed by the fixture
   */
  default void start() {
    throw new UnsupportedOperationException(
        "A " + backend() + " Kafka cluster cannot be started by the fixture; use the embedded one");
  }

  /** Releases the cluster; an external cluster is left running. */
  @Override
  void close();
}
