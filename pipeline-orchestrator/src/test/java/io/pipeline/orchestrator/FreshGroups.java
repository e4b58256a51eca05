package io.pipeline.orchestrator;

import io.pipeline.schemas.topic.PipelineTopics;
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
 * Every test orchestrator runs on the one broker of the test JVM, on the same command,
 * integration-task and Express-start topics, each with a fresh application id. A fresh id's
 * consumer groups would read those topics from the start and run again what earlier tests' commands
 * asked (ten thousand child executions of one test, in every later one). Its groups start at the
 * topics' ends instead; a group that has offsets or members (an instance that joins, or restarts)
 * is left as it is.
 */
public final class FreshGroups {

  private FreshGroups() {}

  /** Starts the consumer groups of a new orchestrator application id at the topics' ends. */
  public static void startAtEnd(String bootstrapServers, String applicationId) {
    Map<String, String> groups =
        Map.of(
            applicationId,
            PipelineTopics.EXECUTION_COMMANDS,
            applicationId + "-integrations",
            PipelineTopics.INTEGRATION_TASKS,
            applicationId + "-express",
            PipelineTopics.EXPRESS_STARTS);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      for (Map.Entry<String, String> group : groups.entrySet()) {
        startAtEnd(admin, group.getKey(), group.getValue());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not place the consumer groups of " + applicationId, e);
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
