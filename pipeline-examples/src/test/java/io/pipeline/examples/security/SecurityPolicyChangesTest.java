package io.pipeline.examples.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.examples.security.PolicyChanges.Change;
import io.pipeline.examples.security.PolicyChanges.Keep;
import io.pipeline.examples.security.PolicyChanges.Write;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityPolicyChangesTest {

  private static final String DEVICE = "device:pump-7";
  private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T09:05:00Z");
  private static final Instant T3 = Instant.parse("2026-03-01T09:10:00Z");

  private static PolicyRecord written(Change change) {
    assertThat(change).isInstanceOf(Write.class);
    return ((Write) change).record();
  }

  private static PolicyRecord applied(
      Optional<PolicyRecord> current, AccessPolicy policy, String incident, Instant at) {
    return written(PolicyChanges.apply(current, DEVICE, policy, incident, "alert", at));
  }

  @Test
  void shouldKeepTheBaselineAsPreviousWhenADeviceIsRestrictedTheFirstTime() {
    PolicyRecord record = applied(Optional.empty(), AccessPolicy.RESTRICTED, "i-1", T1);

    assertThat(record.policy()).isEqualTo(AccessPolicy.RESTRICTED);
    assertThat(record.incidentId()).contains("i-1");
    assertThat(record.previous()).contains(PolicyRecord.baseline(DEVICE, T1));
  }

  @Test
  void shouldChangeNothingWhenTheSameIncidentIsAppliedAgain() {
    Optional<PolicyRecord> current =
        Optional.of(applied(Optional.empty(), AccessPolicy.RESTRICTED, "i-1", T1));

    Change again = PolicyChanges.apply(current, DEVICE, AccessPolicy.RESTRICTED, "i-1", "x", T2);

    assertThat(again).isEqualTo(new Keep(current));
  }

  @Test
  void shouldKeepTheStricterPolicyWhenALaterIncidentAsksForALooserOne() {
    PolicyRecord isolated = applied(Optional.empty(), AccessPolicy.ISOLATED, "i-1", T1);

    PolicyRecord record = applied(Optional.of(isolated), AccessPolicy.RESTRICTED, "i-2", T2);

    assertThat(record.policy()).isEqualTo(AccessPolicy.ISOLATED);
    assertThat(record.requested()).contains(AccessPolicy.RESTRICTED);
    assertThat(record.previous()).contains(isolated);
  }

  @Test
  void shouldPutThePreviousPolicyBackWhenTheIncidentOnTopIsRestored() {
    PolicyRecord restricted = applied(Optional.empty(), AccessPolicy.RESTRICTED, "i-1", T1);

    PolicyRecord restored = written(PolicyChanges.restore(Optional.of(restricted), "i-1", T2));

    assertThat(restored).isEqualTo(PolicyRecord.baseline(DEVICE, T2));
  }

  @Test
  void shouldChangeNothingWhenARestoreIsRedelivered() {
    PolicyRecord restricted = applied(Optional.empty(), AccessPolicy.RESTRICTED, "i-1", T1);
    Optional<PolicyRecord> restored =
        Optional.of(written(PolicyChanges.restore(Optional.of(restricted), "i-1", T2)));

    assertThat(PolicyChanges.restore(restored, "i-1", T3)).isEqualTo(new Keep(restored));
    assertThat(PolicyChanges.restore(Optional.empty(), "i-1", T3))
        .isEqualTo(new Keep(Optional.empty()));
  }

  @Test
  void shouldKeepALaterIncidentsRestrictionWhenAnEarlierIncidentIsRestored() {
    PolicyRecord first = applied(Optional.empty(), AccessPolicy.ISOLATED, "i-1", T1);
    PolicyRecord second = applied(Optional.of(first), AccessPolicy.RESTRICTED, "i-2", T2);

    PolicyRecord afterFirst = written(PolicyChanges.restore(Optional.of(second), "i-1", T3));

    assertThat(afterFirst.incidentId()).contains("i-2");
    assertThat(afterFirst.policy()).isEqualTo(AccessPolicy.RESTRICTED);
    assertThat(afterFirst.previous()).contains(PolicyRecord.baseline(DEVICE, T3));
    assertThat(afterFirst.hasLayerOf("i-1")).isFalse();

    PolicyRecord afterSecond = written(PolicyChanges.restore(Optional.of(afterFirst), "i-2", T3));

    assertThat(afterSecond.policy()).isEqualTo(AccessPolicy.STANDARD);
  }

  @Test
  void shouldRestoreTheEarlierIncidentsPolicyWhenTheLaterIncidentIsRestored() {
    PolicyRecord first = applied(Optional.empty(), AccessPolicy.RESTRICTED, "i-1", T1);
    PolicyRecord second = applied(Optional.of(first), AccessPolicy.ISOLATED, "i-2", T2);

    PolicyRecord restored = written(PolicyChanges.restore(Optional.of(second), "i-2", T3));

    assertThat(restored.incidentId()).contains("i-1");
    assertThat(restored.policy()).isEqualTo(AccessPolicy.RESTRICTED);
    assertThat(restored.previous()).isEqualTo(first.previous());
  }

  @Test
  void shouldRoundTripAStackThroughItsJson() {
    PolicyRecord first = applied(Optional.empty(), AccessPolicy.RESTRICTED, "i-1", T1);
    PolicyRecord second = applied(Optional.of(first), AccessPolicy.ISOLATED, "i-2", T2);

    assertThat(PolicyRecord.fromJson(second.toJson())).isEqualTo(second);
  }
}
