package io.pipeline.orchestrator;

import static org.awaitility.Awaitility.await;

import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** Which instance of the Standard runtime holds which partitions of the command topic. */
public final class CommandPartitions {

  private CommandPartitions() {}

  /**
   * Waits until the runtime's group is stable with two members, each holding some of the command
   * topic's partitions.
   *
   * @return each member's command partitions
   */
  public static Map<MemberDescription, Set<Integer>> awaitTwoServing(
      Admin admin, String applicationId) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              ConsumerGroupDescription group =
                  admin
                      .describeConsumerGroups(List.of(applicationId))
                      .all()
                      .get(10, TimeUnit.SECONDS)
                      .get(applicationId);
              if (group.groupState() != GroupState.STABLE || group.members().size() != 2) {
                return null;
              }
              Map<MemberDescription, Set<Integer>> held = new LinkedHashMap<>();
              for (MemberDescription member : group.members()) {
                Set<Integer> partitions = new HashSet<>();
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                  if (partition.topic().equals(PipelineTopics.EXECUTION_COMMANDS)) {
                    partitions.add(partition.partition());
                  }
                }
                held.put(member, partitions);
              }
              return held.values().stream().anyMatch(Set::isEmpty) ? null : held;
            },
            Objects::nonNull);
  }
}
