package io.pipeline.schemas.topic;

import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic as the code sees it: its name, the serdes of its keys and values, the Avro schema
 * of its values when they are Avro, and how it is created. Immutable; pass it instead of a bare
 * topic name so that name and format never drift apart.
 *
 * @param name the topic name
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 * @param valueSchema the Avro schema the values are written with, empty for non-Avro values
 * @param spec how the topic is created
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    Optional<Schema> valueSchema,
    TopicSpec spec) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(valueSchema, "valueSchema");
    Objects.requireNonNull(spec, "spec");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
  }

  /** Whether the values of this topic are Avro records in single-object encoding. */
  public boolean isAvro() {
    return valueSchema.isPresent();
  }
}
