package io.pipeline.orchestrator.overview;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Takes {@link OffsetSample}s with an {@link Admin} client: every topic but Kafka's and the
 * pipeline's internal ones (names starting with {@code _}, Kafka Streams' changelog and repartition
 * topics), and every consumer group's committed offsets against them.
 */
final class OffsetSampler {

  private final Admin admin;
  private final Clock clock;
  private final Duration timeout;

  OffsetSampler(Admin admin, Clock clock, Duration timeout) {
    this.admin = admin;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Whether the overview shows a topic: not an internal one. */
  static boolean shown(String topic) {
    return !topic.startsWith("_")
        && !topic.endsWith("-changelog")
        && !topic.endsWith("-repartition");
  }

  /**
   * One sample.
   *
   * @throws ExecutionException when Kafka refused a request, with its error as the cause
   * @throws TimeoutException when Kafka did not answer in time
   */
  OffsetSample take() throws ExecutionException, TimeoutException, InterruptedException {
    Set<String> names =
        get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names()).stream()
            .filter(OffsetSampler::shown)
            .collect(Collectors.toSet());
    Map<String, TopicDescription> described = get(admin.describeTopics(names).allTopicNames());
    List<TopicPartition> partitions = new ArrayList<>();
    described
        .values()
        .forEach(
            topic ->
                topic
                    .partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
    Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
    Map<String, OffsetSample.TopicOffsets> topics = new TreeMap<>();
    described.forEach(
        (name, topic) -> {
          long start = 0;
          long end = 0;
          for (var partition : topic.partitions()) {
            TopicPartition tp = new TopicPartition(name, partition.partition());
            start += starts.getOrDefault(tp, 0L);
            end += ends.getOrDefault(tp, 0L);
          }
          topics.put(name, new OffsetSample.TopicOffsets(topic.partitions().size(), start, end));
        });
    return new OffsetSample(clock.instant(), topics, groups(ends));
  }

  private List<OffsetSample.GroupLag> groups(Map<TopicPartition, Long> ends)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<String, String> states = new TreeMap<>();
    get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())
        .forEach(
            listing ->
                states.put(
                    listing.groupId(),
                    listing.groupState().map(GroupState::toString).orElse("Unknown")));
    List<OffsetSample.GroupLag> groups = new ArrayList<>();
    if (states.isEmpty()) {
      return groups;
    }
    // Every group's offsets in one request: a sample costs the same however many groups there are.
    Map<String, ListConsumerGroupOffsetsSpec> all = new HashMap<>();
    states.keySet().forEach(group -> all.put(group, new ListConsumerGroupOffsetsSpec()));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets =
        get(admin.listConsumerGroupOffsets(all).all());
    for (Map.Entry<String, String> group : states.entrySet()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          offsets.getOrDefault(group.getKey(), Map.of());
      Map<String, Long> lagByTopic = new TreeMap<>();
      committed.forEach(
          (partition, offset) -> {
            Long end = ends.get(partition);
            if (offset != null && end != null) {
              lagByTopic.merge(partition.topic(), Math.max(0, end - offset.offset()), Long::sum);
            }
          });
      if (!lagByTopic.isEmpty()) {
        long lag = lagByTopic.values().stream().mapToLong(Long::longValue).sum();
        groups.add(new OffsetSample.GroupLag(group.getKey(), group.getValue(), lag, lagByTopic));
      }
    }
    return groups;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> asked =
        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> answered = get(admin.listOffsets(asked).all());
    Map<TopicPartition, Long> offsets = new HashMap<>();
    answered.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
      throws ExecutionException, TimeoutException, InterruptedException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
