package io.pipeline.orchestrator.machines;

import io.pipeline.orchestrator.machines.Outcome.Refusal;
import io.pipeline.schemas.orchestrator.StateMachineAlias;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.StateMachineVersion;
import io.pipeline.schemas.orchestrator.VersionCounter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * State machine versions: numbered, immutable pointers to revisions (which the state machines topic
 * keeps under {@code <machine>:<revisionId>}), so an execution started with a version runs that
 * revision whatever the state machine became since. Numbers count up from 1 per state machine and
 * are never used twice, also after a version was deleted: a counter kept with the versions says
 * where they are.
 */
public final class StateMachineVersions {

  /** Step Functions' quota of versions per state machine. */
  public static final int MAX_VERSIONS = 1000;

  private final VersionCatalog catalog;
  private final Clock clock;

  StateMachineVersions(VersionCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Publishes a state machine's current revision as its next version. When the latest version
   * published still exists and has this revision, that version is the answer and nothing is
   * written: publishing is idempotent, as in Step Functions.
   *
   * @param current the state machine's current revision
   * @param description what the version is, if said
   * @return the version; refused ({@link Refusal#QUOTA_EXCEEDED}) when the state machine has
   *     {@value #MAX_VERSIONS} versions
   */
  public Outcome<StateMachineVersion> publish(
      StateMachineRecord current, Optional<String> description) {
    String machineArn = current.getArn();
    synchronized (catalog) {
      long last = catalog.lastNumber(machineArn);
      Optional<StateMachineVersion> latest =
          catalog.version(StateMachineArn.version(machineArn, last));
      if (latest.isPresent() && latest.get().getRevisionId().equals(current.getRevisionId())) {
        return Outcome.done(latest.get());
      }
      if (catalog.versionsOf(machineArn).size() >= MAX_VERSIONS) {
        return Outcome.refused(
            Refusal.QUOTA_EXCEEDED,
            "'"
                + machineArn
                + "' has "
                + MAX_VERSIONS
                + " versions, the most a state machine may have; delete unused ones first");
      }
      long number = last + 1;
      Instant now = clock.instant();
      StateMachineVersion version =
          new StateMachineVersion(
              StateMachineArn.version(machineArn, number),
              machineArn,
              number,
              current.getRevisionId(),
              description.orElse(null),
              now);
      catalog.write(
          List.of(
              VersionCatalog.put(version.getArn(), version),
              VersionCatalog.put(machineArn, new VersionCounter(machineArn, number))));
      return Outcome.done(version);
    }
  }

  /** A version. */
  public Optional<StateMachineVersion> version(String versionArn) {
    return catalog.version(versionArn);
  }

  /** A state machine's versions, newest first. */
  public List<StateMachineVersion> versions(String machineArn) {
    return catalog.versionsOf(machineArn);
  }

  /**
   * Deletes a version; executions running it go on. Deleting a version that does not exist changes
   * nothing and is no error, as in Step Functions.
   *
   * @return the version's ARN; refused ({@link Refusal#CONFLICT}) while an alias routes to it
   */
  public Outcome<String> delete(String versionArn) {
    synchronized (catalog) {
      Optional<StateMachineVersion> version = catalog.version(versionArn);
      if (version.isEmpty()) {
        return Outcome.done(versionArn);
      }
      List<String> routing =
          catalog.aliasesOf(version.get().getStateMachineArn()).stream()
              .filter(alias -> routesTo(alias, versionArn))
              .map(StateMachineAlias::getArn)
              .toList();
      if (!routing.isEmpty()) {
        return Outcome.refused(
            Refusal.CONFLICT,
            "The version '"
                + versionArn
                + "' is routed to by "
                + (routing.size() == 1 ? "the alias " : "the aliases ")
                + routing
                + "; update or delete them first");
      }
      catalog.write(List.of(CompactedCatalog.Change.remove(versionArn)));
      return Outcome.done(versionArn);
    }
  }

  static boolean routesTo(StateMachineAlias alias, String versionArn) {
    return alias.getRoutes().stream()
        .anyMatch(route -> route.getStateMachineVersionArn().equals(versionArn));
  }
}
