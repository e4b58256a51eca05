package io.pipeline.common.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a Kafka Streams application with static membership ({@code group.instance.id}) start with a
 * changed topology.
 *
 * <p>A static member that comes back before its session times out gets its old assignment without a
 * rebalance; its leader skips the assignment (KIP-814), and only the assignment creates internal
 * topics. A topology with a new store then waits for a changelog topic that is never made, and logs
 * "unknown topic" errors without end. So, before such an application starts, this compares its
 * topology with the one it last ran (a fingerprint beside its state folder) and, when they differ,
 * removes its static members from the group: it joins as new, and the rebalance that follows
 * creates what the new topology needs. An unchanged topology keeps static membership's quick
 * restart.
 */
public final class StaticMembership {

  private static final Logger log = LoggerFactory.getLogger(StaticMembership.class);

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private StaticMembership() {}

  /**
   * Removes the application's static members from its group if its topology changed since the last
   * start in this state folder, and records the topology. Does nothing without static membership.
   *
   * @param topology the topology about to run
   * @param properties the application's Kafka Streams properties
   */
  public static void prepare(Topology topology, Properties properties) {
    prepare(topology, properties, ADMIN_TIMEOUT);
  }

  /** The same, each call to the broker waiting at most {@code adminTimeout}. */
  static void prepare(Topology topology, Properties properties, Duration adminTimeout) {
    Optional<String> instanceId = instanceId(properties);
    if (instanceId.isEmpty()) {
      return;
    }
    // Not logged: the application logs its configuration when it makes its own.
    StreamsConfig config = new StreamsConfig(properties, false) {};
    String applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    Path record =
        Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG))
            .resolve(applicationId + ".topology");
    String fingerprint = fingerprint(topology.describe());
    Optional<String> last = recorded(record);
    if (last.isPresent() && last.get().equals(fingerprint)) {
      return;
    }
    Map<String, Object> adminConfig = config.getAdminConfigs(applicationId + "-membership");
    try (Admin admin = Admin.create(adminConfig)) {
      int removed = leave(admin, applicationId, instanceId.get(), (int) adminTimeout.toMillis());
      if (removed > 0) {
        log.info(
            "The topology of '{}' {}: its {} static member(s) left the group, so that it"
                + " rebalances and creates the topics the topology needs",
            applicationId,
            last.isPresent() ? "changed since it last ran here" : "was not recorded here before",
            removed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while '" + applicationId + "' left its group before starting", e);
    } catch (ExecutionException e) {
      // The application starts anyway, as it would have without this step, and the next start
      // tries again.
      log.warn(
          "'{}' could not leave its group after its topology changed ({}). Internal topics the new"
              + " topology adds are created only once the group rebalances: restart it when the"
              + " broker answers",
          applicationId,
          e.getCause().toString());
      return;
    }
    write(record, fingerprint);
  }

  /**
   * Removes this instance's static members from the group, if it has any there.
   *
   * @return how many were removed
   * @throws ExecutionException when the broker refused or did not answer in time
   */
  private static int leave(Admin admin, String applicationId, String instanceId, int timeoutMs)
      throws InterruptedException, ExecutionException {
    ConsumerGroupDescription group;
    try {
      group =
          admin
              .describeConsumerGroups(
                  List.of(applicationId), new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs))
              .describedGroups()
              .get(applicationId)
              .get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return 0;
      }
      throw e;
    }
    List<MemberToRemove> members =
        ownMembers(
                instanceId,
                group.members().stream()
                    .flatMap(member -> member.groupInstanceId().stream())
                    .toList())
            .stream()
            .map(MemberToRemove::new)
            .toList();
    if (members.isEmpty()) {
      return 0;
    }
    try {
      admin
          .removeMembersFromConsumerGroup(
              applicationId,
              new RemoveMembersFromConsumerGroupOptions(members).timeoutMs(timeoutMs))
          .all()
          .get();
    } catch (ExecutionException e) {
      // A member that left meanwhile is gone all the same.
      if (!(e.getCause() instanceof UnknownMemberIdException)) {
        throw e;
      }
    }
    return members.size();
  }

  /**
   * The members of this instance among a group's static members: Kafka Streams gives each stream
   * thread the instance id with a dash and the thread's index from 1.
   */
  static List<String> ownMembers(String instanceId, List<String> groupInstanceIds) {
    Pattern own = Pattern.compile(Pattern.quote(instanceId) + "-\\d+");
    return groupInstanceIds.stream().filter(id -> own.matcher(id).matches()).sorted().toList();
  }

  private static Optional<String> instanceId(Properties properties) {
    return Stream.of(
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
            StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        .map(properties::get)
        .filter(Objects::nonNull)
        .map(Object::toString)
        .filter(id -> !id.isBlank())
        .findFirst();
  }

  /**
   * What of a topology decides the topics it needs: each sub-topology's nodes, the topics it reads
   * and writes by name, and its stores. Topic-name extractors and other objects print with their
   * identity hash, which differs between runs, so the description's text is not used as it is.
   */
  static String fingerprint(TopologyDescription description) {
    TreeSet<String> lines = new TreeSet<>();
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      for (TopologyDescription.Node node : subtopology.nodes()) {
        String at = subtopology.id() + " " + node.name();
        lines.add(at);
        if (node instanceof TopologyDescription.Source source) {
          lines.add(at + " reads " + source.topicSet() + " " + source.topicPattern());
        } else if (node instanceof TopologyDescription.Processor processor) {
          lines.add(at + " stores " + new TreeSet<>(processor.stores()));
        } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          lines.add(at + " writes " + sink.topic());
        }
      }
    }
    for (TopologyDescription.GlobalStore global : description.globalStores()) {
      lines.add(
          "global "
              + global.id()
              + " reads "
              + global.source().topicSet()
              + " stores "
              + global.processor().stores());
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static Optional<String> recorded(Path record) {
    try {
      return Files.exists(record)
          ? Optional.of(Files.readString(record, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + record, e);
    }
  }

  private static void write(Path record, String fingerprint) {
    try {
      Files.createDirectories(record.getParent());
      Files.writeString(record, fingerprint + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + record, e);
    }
  }
}
