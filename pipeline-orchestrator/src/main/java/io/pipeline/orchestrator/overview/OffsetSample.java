package io.pipeline.orchestrator.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one look at Kafka's offsets found.
 *
 * @param at when it was taken
 * @param topics each topic's figures, by name
 * @param groups each consumer group's lag
 */
record OffsetSample(Instant at, Map<String, TopicOffsets> topics, List<GroupLag> groups) {

  /**
   * A topic's offsets, summed over its partitions.
   *
   * @param partitions how many partitions it has
   * @param start the sum of the earliest offsets
   * @param end the sum of the log end offsets
   */
  record TopicOffsets(int partitions, long start, long end) {

    /** The records it holds now (transaction markers included: Kafka counts them as offsets). */
    long records() {
      return Math.max(0, end - start);
    }
  }

  /**
   * A consumer group's lag: the records it has yet to read, summed over its partitions.
   *
   * @param groupId the group
   * @param state its state as the broker names it (Stable, Empty, ...)
   * @param lag the total lag
   * @param lagByTopic the lag per topic it reads
   */
  record GroupLag(String groupId, String state, long lag, Map<String, Long> lagByTopic) {}
}
