package io.pipeline.orchestrator.machines;

import io.pipeline.orchestrator.machines.Outcome.Refusal;
import io.pipeline.schemas.orchestrator.AliasRoute;
import io.pipeline.schemas.orchestrator.StateMachineAlias;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * State machine aliases: names that route starts to one or two versions of a state machine by
 * weight. Their routing configurations come checked ({@link AliasRouting#problem}); here they are
 * checked against the versions that exist, and a version an alias routes to cannot be deleted.
 */
public final class StateMachineAliases {

  /** Step Functions' quota of aliases per state machine. */
  public static final int MAX_ALIASES = 100;

  /** The order aliases are listed in: the most recently created first, then by name. */
  public static final Comparator<StateMachineAlias> NEWEST_FIRST =
      Comparator.comparing(StateMachineAlias::getCreatedAt)
          .reversed()
          .thenComparing(StateMachineAlias::getName);

  private final VersionCatalog catalog;
  private final Clock clock;

  StateMachineAliases(VersionCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Creates an alias of the state machine whose versions the routes name. Creating it again with
   * the same description and routes answers it (idempotent, as in Step Functions).
   *
   * @return the alias; refused when a version does not exist ({@link Refusal#NOT_FOUND}), the name
   *     is taken with another description or routing ({@link Refusal#CONFLICT}), or the state
   *     machine has {@value #MAX_ALIASES} aliases ({@link Refusal#QUOTA_EXCEEDED})
   */
  public Outcome<StateMachineAlias> create(
      String name, Optional<String> description, List<AliasRoute> routes) {
    String machineArn = AliasRouting.machineOf(routes.get(0).getStateMachineVersionArn());
    String arn = StateMachineArn.alias(machineArn, name);
    synchronized (catalog) {
      Optional<String> missing = missingVersion(routes);
      if (missing.isPresent()) {
        return Outcome.refused(Refusal.NOT_FOUND, missing.get());
      }
      Optional<StateMachineAlias> existing = catalog.alias(arn);
      if (existing.isPresent()) {
        if (Objects.equals(existing.get().getDescription(), description.orElse(null))
            && sameRouting(existing.get().getRoutes(), routes)) {
          return Outcome.done(existing.get());
        }
        return Outcome.refused(
            Refusal.CONFLICT,
            "The alias '" + arn + "' exists with another description or routing configuration");
      }
      if (catalog.aliasesOf(machineArn).size() >= MAX_ALIASES) {
        return Outcome.refused(
            Refusal.QUOTA_EXCEEDED,
            "'"
                + machineArn
                + "' has "
                + MAX_ALIASES
                + " aliases, the most a state machine may have; delete unused ones first");
      }
      Instant now = clock.instant();
      StateMachineAlias alias =
          new StateMachineAlias(
              arn, machineArn, name, description.orElse(null), List.copyOf(routes), now, now);
      catalog.write(List.of(VersionCatalog.put(arn, alias)));
      return Outcome.done(alias);
    }
  }

  /**
   * Changes an alias's description, routing, or both; what is empty stays. A change that changes
   * nothing writes nothing.
   *
   * @param routes versions of the alias's state machine
   * @return the alias as it is now; refused ({@link Refusal#NOT_FOUND}) when the alias or a version
   *     does not exist
   */
  public Outcome<StateMachineAlias> update(
      String aliasArn, Optional<String> description, Optional<List<AliasRoute>> routes) {
    synchronized (catalog) {
      Optional<StateMachineAlias> existing = catalog.alias(aliasArn);
      if (existing.isEmpty()) {
        return Outcome.refused(Refusal.NOT_FOUND, notFound(aliasArn));
      }
      Optional<String> missing = routes.flatMap(this::missingVersion);
      if (missing.isPresent()) {
        return Outcome.refused(Refusal.NOT_FOUND, missing.get());
      }
      StateMachineAlias alias = StateMachineAlias.newBuilder(existing.get()).build();
      description.ifPresent(alias::setDescription);
      routes.ifPresent(r -> alias.setRoutes(List.copyOf(r)));
      if (Objects.equals(alias.getDescription(), existing.get().getDescription())
          && sameRouting(alias.getRoutes(), existing.get().getRoutes())) {
        return Outcome.done(existing.get());
      }
      alias.setUpdatedAt(clock.instant());
      catalog.write(List.of(VersionCatalog.put(aliasArn, alias)));
      return Outcome.done(alias);
    }
  }

  /**
   * Deletes an alias; the versions it routes to stay.
   *
   * @return the alias's ARN; refused ({@link Refusal#NOT_FOUND}) when there is no such alias
   */
  public Outcome<String> delete(String aliasArn) {
    synchronized (catalog) {
      if (catalog.alias(aliasArn).isEmpty()) {
        return Outcome.refused(Refusal.NOT_FOUND, notFound(aliasArn));
      }
      catalog.write(List.of(CompactedCatalog.Change.remove(aliasArn)));
      return Outcome.done(aliasArn);
    }
  }

  /** An alias. */
  public Optional<StateMachineAlias> alias(String aliasArn) {
    return catalog.alias(aliasArn);
  }

  /** A state machine's aliases, the most recently created first. */
  public List<StateMachineAlias> aliases(String machineArn) {
    return catalog.aliasesOf(machineArn);
  }

  /** The aliases that route to a version, the most recently created first. */
  public List<StateMachineAlias> routingTo(String versionArn) {
    return catalog.aliasesOf(AliasRouting.machineOf(versionArn)).stream()
        .filter(alias -> StateMachineVersions.routesTo(alias, versionArn))
        .toList();
  }

  /** Whether two routings send the same share of starts to the same versions, in any order. */
  static boolean sameRouting(List<AliasRoute> a, List<AliasRoute> b) {
    return shares(a).equals(shares(b));
  }

  private static Map<String, Integer> shares(List<AliasRoute> routes) {
    return routes.stream()
        .collect(
            Collectors.toMap(
                AliasRoute::getStateMachineVersionArn, AliasRoute::getWeight, Integer::sum));
  }

  private Optional<String> missingVersion(List<AliasRoute> routes) {
    return routes.stream()
        .map(AliasRoute::getStateMachineVersionArn)
        .filter(version -> catalog.version(version).isEmpty())
        .findFirst()
        .map(version -> "Resource not found: the version '" + version + "' does not exist");
  }

  private static String notFound(String aliasArn) {
    return "Resource not found: the alias '" + aliasArn + "' does not exist";
  }
}
