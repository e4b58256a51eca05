package io.pipeline.schemas.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates and inspects the pipeline's topics. Creation waits until every partition has a leader:
 * right after a topic is created an idempotent producer can otherwise lose its first batch
 * (KAFKA-15591).
 */
public final class TopicAdmin {

  private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;

  /**
   * @param admin the admin client to use; the caller closes it
   */
  public TopicAdmin(Admin admin) {
    this.admin = admin;
  }

  /**
   * Creates the topics that do not exist yet and waits for their leaders. Existing topics are left
   * as they are.
   *
   * @param topics the topics to ensure
   * @param replicationFactor the replication factor of new topics; empty for the broker's default
   */
  public void ensure(Collection<Topic<?, ?>> topics, Optional<Short> replicationFactor) {
    List<NewTopic> wanted =
        topics.stream()
            .map(
                t ->
                    new NewTopic(t.name(), Optional.of(t.spec().partitions()), replicationFactor)
                        .configs(t.spec().configs()))
            .toList();
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty()) {
        createIgnoringRaces(missing);
      }
      awaitLeaders(wanted.stream().map(NewTopic::name).toList());
    } catch (ExecutionException e) {
      throw new KafkaException(
          "Cannot create the pipeline's topics: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while creating topics", e);
    }
  }

  private void createIgnoringRaces(List<NewTopic> missing)
      throws InterruptedException, ExecutionException {
    for (var entry : admin.createTopics(missing).values().entrySet()) {
      try {
        entry.getValue().get();
      } catch (ExecutionException e) {
        // Another instance created it between our listing and our request: that is fine.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** Waits until every partition of the topics has a leader. */
  public void awaitLeaders(Collection<String> topicNames)
      throws InterruptedException, ExecutionException {
    Instant deadline = Instant.now().plus(LEADER_TIMEOUT);
    while (true) {
      Map<String, TopicDescription> descriptions;
      try {
        descriptions = admin.describeTopics(topicNames).allTopicNames().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        descriptions = Map.of();
      }
      boolean ready =
          descriptions.size() == topicNames.size()
              && descriptions.values().stream()
                  .flatMap(d -> d.partitions().stream())
                  .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
      if (ready && leadersServe(descriptions.values())) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new KafkaException(
            "Partitions of "
                + topicNames
                + " have no leader after "
                + LEADER_TIMEOUT.toSeconds()
                + " s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Whether each partition's leader answers as leader. The metadata can name a leader before that
   * broker has taken the partition on; an idempotent producer's first batch sent in that moment is
   * refused, and its retries then fail for good with an out-of-order sequence (KAFKA-15591). A
   * list-offsets request is served by the leader only, so its answer proves the leader is there.
   */
  private boolean leadersServe(Collection<TopicDescription> descriptions)
      throws InterruptedException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    descriptions.forEach(
        d ->
            d.partitions()
                .forEach(
                    p ->
                        latest.put(
                            new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    try {
      admin.listOffsets(latest).all().get();
      return true;
    } catch (ExecutionException e) {
      return false;
    }
  }

  /**
   * One topic's size.
   *
   * @param name the topic
   * @param partitions its partition count
   * @param records records currently held (end offset minus start offset, summed over partitions;
   *     for compacted or transactional topics an upper bound)
   */
  public record TopicSummary(String name, int partitions, long records) {}

  /** Every topic of the cluster with its partition and record counts, sorted by name. */
  public List<TopicSummary> describeAll() throws InterruptedException, ExecutionException {
    Set<String> names = admin.listTopics().names().get();
    Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    descriptions.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .forEach(
            tp -> {
              earliest.put(tp, OffsetSpec.earliest());
              latest.put(tp, OffsetSpec.latest());
            });
    Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get();
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
    Map<String, Long> counts =
        ends.entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.getKey().topic(),
                    Collectors.summingLong(
                        e -> e.getValue().offset() - starts.get(e.getKey()).offset())));
    List<TopicSummary> summaries = new ArrayList<>();
    descriptions.values().stream()
        .sorted(java.util.Comparator.comparing(TopicDescription::name))
        .forEach(
            d ->
                summaries.add(
                    new TopicSummary(
                        d.name(), d.partitions().size(), counts.getOrDefault(d.name(), 0L))));
    return summaries;
  }
}
