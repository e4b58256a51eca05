package io.pipeline.orchestrator.machines;

import io.pipeline.schemas.orchestrator.StateMachineRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * What a start runs: a revision of a state machine, and the version and alias the start named to
 * get there (both empty for a start of the state machine itself, which runs its current revision).
 *
 * @param revision the revision the execution is pinned to
 * @param versionArn the version run, when the start named a version or an alias
 * @param aliasArn the alias, when the start named one
 */
public record ExecutionTarget(
    StateMachineRecord revision, Optional<String> versionArn, Optional<String> aliasArn) {

  public ExecutionTarget {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(versionArn, "versionArn");
    Objects.requireNonNull(aliasArn, "aliasArn");
  }

  /** A start of the state machine itself: its current revision. */
  public static ExecutionTarget current(StateMachineRecord machine) {
    return new ExecutionTarget(machine, Optional.empty(), Optional.empty());
  }
}
