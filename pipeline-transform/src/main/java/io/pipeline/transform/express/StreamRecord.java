package io.pipeline.transform.express;

import java.time.Instant;
import java.util.Objects;

/**
 * A record of a step's source topic, as the step runs it: where it is in the log names its
 * execution, its timestamp is the execution's time.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param timestamp its timestamp
 * @param value its value, the execution's input as JSON; null for a tombstone
 */
public record StreamRecord(
    String topic, int partition, long offset, Instant timestamp, byte[] value) {

  public StreamRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** Where it is in the log, as dead letters name it: {@code <topic>-<partition>@<offset>}. */
  public String origin() {
    return topic + "-" + partition + "@" + offset;
  }
}
