package io.pipeline.examples.security;

import java.time.Instant;
import java.util.Optional;

/**
 * The policy service's rules, as pure decisions on a principal's current record.
 *
 * <ul>
 *   <li>Applying an incident's policy puts a record on top of the current one (a principal no
 *       incident touched has the {@linkplain PolicyRecord#baseline baseline}), in force the
 *       stricter of the two: an incident never loosens what another one tightened. An incident
 *       already in the stack changes nothing: a redelivered or retried task must not record its own
 *       restriction as the policy to restore.
 *   <li>Restoring an incident's policy takes its record out of the stack: on top, the record below
 *       comes back; deeper (a later incident tightened it further), the later records stay, each in
 *       force as the stricter of what it asked for and what is now below it. An incident not in the
 *       stack changes nothing (already restored).
 * </ul>
 */
public final class PolicyChanges {

  /** What to do. */
  public sealed interface Change permits Write, Keep {}

  /** Write this record. */
  public record Write(PolicyRecord record) implements Change {}

  /** Leave the principal's record as it is (or absent). */
  public record Keep(Optional<PolicyRecord> record) implements Change {}

  private PolicyChanges() {}

  /**
   * Decides an incident's restriction.
   *
   * @param at when the task was scheduled
   */
  public static Change apply(
      Optional<PolicyRecord> current,
      String principal,
      AccessPolicy requested,
      String incidentId,
      String reason,
      Instant at) {
    PolicyRecord below = current.orElseGet(() -> PolicyRecord.baseline(principal, at));
    if (below.hasLayerOf(incidentId)) {
      return new Keep(current);
    }
    return new Write(
        new PolicyRecord(
            principal,
            requested.stricter(below.policy()),
            Optional.of(requested),
            Optional.of(incidentId),
            Optional.of(reason),
            at,
            Optional.of(below)));
  }

  /**
   * Decides the end of an incident's restriction.
   *
   * @param at when the task was scheduled
   */
  public static Change restore(Optional<PolicyRecord> current, String incidentId, Instant at) {
    if (current.isEmpty() || !current.get().hasLayerOf(incidentId)) {
      return new Keep(current);
    }
    return new Write(without(current.get(), incidentId, at));
  }

  /** The stack without the incident's record, as of {@code at}. */
  private static PolicyRecord without(PolicyRecord record, String incidentId, Instant at) {
    if (record.incidentId().filter(incidentId::equals).isPresent()) {
      PolicyRecord below =
          record.previous().orElseGet(() -> PolicyRecord.baseline(record.principal(), at));
      return new PolicyRecord(
          below.principal(),
          below.policy(),
          below.requested(),
          below.incidentId(),
          below.reason(),
          at,
          below.previous());
    }
    PolicyRecord below = without(record.previous().orElseThrow(), incidentId, at);
    return new PolicyRecord(
        record.principal(),
        record.requested().orElse(AccessPolicy.STANDARD).stricter(below.policy()),
        record.requested(),
        record.incidentId(),
        record.reason(),
        at,
        Optional.of(below));
  }
}
