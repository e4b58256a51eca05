package io.pipeline.orchestrator.machines;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.orchestrator.StateMachineAlias;
import io.pipeline.schemas.orchestrator.StateMachineVersion;
import io.pipeline.schemas.orchestrator.VersionCatalogEntry;
import io.pipeline.schemas.orchestrator.VersionCounter;
import io.pipeline.schemas.topic.PipelineTopics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The versions and aliases every instance sees: a {@link CompactedCatalog} of the topic {@value
 * PipelineTopics#STATE_MACHINE_VERSIONS}. A version is keyed by its ARN ({@code
 * <machine>:<number>}), an alias by its ARN ({@code <machine>:<name>}, never only digits), and a
 * state machine's version counter by the state machine's ARN, so the keys of one state machine's
 * versions and aliases share the prefix {@code <machine>:} and never read as one another. The topic
 * is not the state machines' one, whose {@code <machine>:<revisionId>} keys hold revisions.
 *
 * <p>{@link StateMachineVersions} and {@link StateMachineAliases} check and write while holding
 * this object's monitor, so the writes of one instance never race each other's checks.
 */
final class VersionCatalog implements AutoCloseable {

  private final CompactedCatalog<VersionCatalogEntry> catalog;

  VersionCatalog(KafkaSettings kafka, PipelineTopics topics) {
    this.catalog =
        new CompactedCatalog<>(kafka, topics.stateMachineVersions(), "state-machine-versions");
  }

  Optional<StateMachineVersion> version(String versionArn) {
    return catalog
        .get(versionArn)
        .map(VersionCatalogEntry::getBody)
        .filter(StateMachineVersion.class::isInstance)
        .map(StateMachineVersion.class::cast);
  }

  /** A state machine's versions, newest first. */
  List<StateMachineVersion> versionsOf(String machineArn) {
    return ofMachine(machineArn, StateMachineVersion.class).stream()
        .sorted(Comparator.comparingLong(StateMachineVersion::getNumber).reversed())
        .toList();
  }

  Optional<StateMachineAlias> alias(String aliasArn) {
    return catalog
        .get(aliasArn)
        .map(VersionCatalogEntry::getBody)
        .filter(StateMachineAlias.class::isInstance)
        .map(StateMachineAlias.class::cast);
  }

  /** A state machine's aliases, the most recently created first (then by name). */
  List<StateMachineAlias> aliasesOf(String machineArn) {
    return ofMachine(machineArn, StateMachineAlias.class).stream()
        .sorted(StateMachineAliases.NEWEST_FIRST)
        .toList();
  }

  /** The highest version number the state machine has published; 0 before the first. */
  long lastNumber(String machineArn) {
    return catalog
        .get(machineArn)
        .map(VersionCatalogEntry::getBody)
        .filter(VersionCounter.class::isInstance)
        .map(counter -> ((VersionCounter) counter).getLastNumber())
        .orElse(0L);
  }

  /** Whether a version or an alias of this ARN exists. */
  boolean exists(String arn) {
    return catalog
        .get(arn)
        .map(entry -> !(entry.getBody() instanceof VersionCounter))
        .orElse(false);
  }

  /** Writes entries (a null body removes the key) in one transaction, read back once written. */
  void write(List<CompactedCatalog.Change<VersionCatalogEntry>> changes) {
    catalog.write(changes);
  }

  static CompactedCatalog.Change<VersionCatalogEntry> put(String key, Object body) {
    return new CompactedCatalog.Change<>(key, new VersionCatalogEntry(body));
  }

  /** Removes every version and alias of a state machine, and its version counter. */
  void removeAllOf(String machineArn) {
    synchronized (this) {
      List<CompactedCatalog.Change<VersionCatalogEntry>> removals =
          catalog.withPrefix(machineArn + ":").keySet().stream()
              .map(CompactedCatalog.Change::<VersionCatalogEntry>remove)
              .collect(Collectors.toCollection(ArrayList::new));
      if (catalog.get(machineArn).isPresent()) {
        removals.add(CompactedCatalog.Change.remove(machineArn));
      }
      if (!removals.isEmpty()) {
        catalog.write(removals);
      }
    }
  }

  private <T> List<T> ofMachine(String machineArn, Class<T> type) {
    return catalog.withPrefix(machineArn + ":").values().stream()
        .map(VersionCatalogEntry::getBody)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  @Override
  public void close() {
    catalog.close();
  }
}
