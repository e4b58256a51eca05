package io.pipeline.orchestrator.activities;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * Settings of GetActivityTask's long polls.
 *
 * @param pollTimeout how long a poll waits for a task before it answers without one
 * @param idleTimeout how long this instance keeps reading an activity's tasks after its last poll
 * @param maxWaiting how many polls of one activity may wait at once on this instance
 */
public record ActivityPollConfig(Duration pollTimeout, Duration idleTimeout, int maxWaiting) {

  private static final Duration MAX_POLL_TIMEOUT = Duration.ofSeconds(60);

  public static final Setting<Duration> POLL_TIMEOUT =
      Setting.duration(
          "ORCHESTRATOR_ACTIVITY_POLL_TIMEOUT",
          "60s",
          "How long GetActivityTask waits for a task before it answers without one (AWS: 60s);"
              + " at most 60s.");
  public static final Setting<Duration> IDLE_TIMEOUT =
      Setting.duration(
          "ORCHESTRATOR_ACTIVITY_IDLE_TIMEOUT",
          "5m",
          "How long an instance keeps its share of an activity's tasks after the last"
              + " GetActivityTask on it; then it leaves the activity's worker group, so the other"
              + " workers get them.");
  public static final Setting<Integer> MAX_WAITING =
      Setting.integer(
          "ORCHESTRATOR_ACTIVITY_MAX_POLLS",
          1000,
          1,
          100_000,
          "How many GetActivityTask polls of one activity may wait at once on an instance; more"
              + " are refused with ActivityWorkerLimitExceeded.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS = List.of(POLL_TIMEOUT, IDLE_TIMEOUT, MAX_WAITING);

  /** Reads and validates the settings. */
  public static ActivityPollConfig from(Settings settings) {
    Duration poll = settings.get(POLL_TIMEOUT);
    if (poll.compareTo(MAX_POLL_TIMEOUT) > 0) {
      throw new ConfigException(
          "Setting ORCHESTRATOR_ACTIVITY_POLL_TIMEOUT="
              + poll
              + " is invalid: at most 60s, as in AWS (workers wait 65s for an answer)");
    }
    return new ActivityPollConfig(poll, settings.get(IDLE_TIMEOUT), settings.get(MAX_WAITING));
  }
}
