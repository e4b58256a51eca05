package io.pipeline.schemas.topic;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How a topic is created: partition count and topic-level configuration. The replication factor is
 * the cluster's choice (see the launcher's configuration), so it is not part of the spec.
 *
 * @param partitions number of partitions
 * @param configs topic-level configuration, e.g. {@code cleanup.policy}
 */
public record TopicSpec(int partitions, Map<String, String> configs) {

  public TopicSpec {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
  }

  /** A topic that keeps records by time, as the broker's default retention says. */
  public static TopicSpec retained(int partitions) {
    return new TopicSpec(partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"));
  }

  /** A compacted topic: the latest record of each key is kept, tombstones delete keys. */
  public static TopicSpec compacted(int partitions) {
    return new TopicSpec(
        partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }
}
