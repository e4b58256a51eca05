package io.pipeline.localstack.kafka;

import java.util.Objects;

/** A cluster that runs elsewhere; the fixture only hands out its address. */
public record ExternalKafka(String bootstrapServers) implements KafkaCluster {

  public ExternalKafka {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
  }

  @Override
  public KafkaBackend backend() {
    return KafkaBackend.EXTERNAL;
  }

  @Override
  public void close() {
    // Not ours to stop.
  }
}
