package io.pipeline.orchestrator.api;

import io.pipeline.orchestrator.machines.ActivityRegistry;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.orchestrator.ActivityRecord;
import io.pipeline.schemas.orchestrator.StateMachineAlias;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.StateMachineVersion;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources the tagging actions know, and whether one exists: state machines, their versions
 * ({@code <machine ARN>:<n>}) and aliases ({@code <machine ARN>:<alias>}), and activities.
 */
final class TaggableResources {

  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:(?<kind>stateMachine|activity)"
              + ":[^:]{1,80}(?::(?<qualifier>[^:]{1,80}))?");

  private final StateMachineRegistry machines;
  private final ActivityRegistry activities;

  TaggableResources(StateMachineRegistry machines, ActivityRegistry activities) {
    this.machines = machines;
    this.activities = activities;
  }

  /**
   * When the resource an ARN names was created: it tells its tags from those of an earlier resource
   * of the same ARN.
   *
   * @throws ApiException {@code InvalidArn} for an ARN of no taggable kind, {@code
   *     ResourceNotFound} for one that names nothing
   */
  Instant existing(String arn) {
    return createdAt(arn)
        .orElseThrow(
            () ->
                new ApiException(
                    "ResourceNotFound",
                    "Resource not found: '" + arn + "'",
                    Map.of("resourceName", arn)));
  }

  private Optional<Instant> createdAt(String arn) {
    Matcher matcher = ARN.matcher(arn);
    if (!matcher.matches()) {
      throw new ApiException(
          "InvalidArn",
          "Invalid Arn: '" + arn + "' is not the ARN of a state machine or an activity");
    }
    boolean qualified = matcher.group("qualifier") != null;
    return switch (matcher.group("kind")) {
      case "stateMachine" ->
          qualified
              ? machines
                  .versions()
                  .version(arn)
                  .map(StateMachineVersion::getCreatedAt)
                  .or(() -> machines.aliases().alias(arn).map(StateMachineAlias::getCreatedAt))
              : machines.describe(arn).map(StateMachineRecord::getCreatedAt);
      case "activity" ->
          qualified ? Optional.empty() : activities.describe(arn).map(ActivityRecord::getCreatedAt);
      default -> Optional.empty();
    };
  }
}
