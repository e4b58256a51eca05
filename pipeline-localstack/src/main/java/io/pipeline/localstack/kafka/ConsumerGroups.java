package io.pipeline.localstack.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * Places a new consumer group at a topic's end, for tests and benchmarks that share one broker: a
 * new application on a topic earlier runs wrote to would otherwise read all of it first. A group
 * that already has offsets or members (an instance that joins, or restarts) is left as it is, and a
 * topic that does not exist yet has nothing to skip.
 */
public final class ConsumerGroups {

  private ConsumerGroups() {}

  /** Starts {@code group} at the end of {@code topic}, unless the group already has a place. */
  public static void startAtEnd(String bootstrapServers, String group, String topic) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      startAtEnd(admin, group, topic);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not place the consumer group " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void startAtEnd(Admin admin, String group, String topic)
      throws ExecutionException, InterruptedException {
    if (!admin.listTopics().names().get().contains(topic)) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    if (committed != null && !committed.isEmpty()) {
      return;
    }
    TopicDescription description =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    Map<TopicPartition, OffsetSpec> latest =
        description.partitions().stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get()
        .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
    try {
      admin.alterConsumerGroupOffsets(group, ends).all().get();
    } catch (ExecutionException e) {
      // An instance of the same application runs already: its group is placed.
      if (!(e.getCause() instanceof GroupNotEmptyException
          || e.getCause() instanceof UnknownMemberIdException)) {
        throw e;
      }
    }
  }
}
