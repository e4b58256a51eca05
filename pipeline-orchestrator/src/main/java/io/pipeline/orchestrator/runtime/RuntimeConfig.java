package io.pipeline.orchestrator.runtime;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the Standard runtime.
 *
 * @param applicationId the Kafka Streams application id (instances of one orchestrator share it)
 * @param stateDir the folder of its state stores, or Kafka Streams' default
 * @param instanceId a stable id per instance for static membership, so a restarted instance gets
 *     its partitions back at once
 * @param retention how long a closed execution and its history are kept (AWS: 90 days)
 * @param timerInterval how often due timers are looked for
 * @param failoverTimeout how long an instance may be silent before its partitions move to others
 * @param commitInterval how often the runtime commits its transaction: a command's effects
 *     (history, task requests, verdicts) are visible this long after it was handled, at most
 * @param taskTokenKeys the task token signing keys, the first one signing
 * @param localTokenKey whether the keys are the documented local default
 */
public record RuntimeConfig(
    String applicationId,
    Optional<String> stateDir,
    Optional<String> instanceId,
    Duration retention,
    Duration timerInterval,
    Duration failoverTimeout,
    Duration commitInterval,
    Map<String, byte[]> taskTokenKeys,
    boolean localTokenKey) {

  /**
   * The local default signing key: public, so tokens signed with it prove nothing. Set {@link
   * #TASK_TOKEN_KEYS} wherever workers are not trusted.
   */
  static final String LOCAL_TOKEN_KEY =
      "local:" + base64("pipeline-local-task-token-key-not-secret");

  public static final Setting<String> APPLICATION_ID =
      Setting.string(
          "ORCHESTRATOR_APPLICATION_ID",
          "pipeline-orchestrator",
          "Kafka Streams application id of the Standard runtime; instances of one orchestrator"
              + " share it.");
  public static final Setting<Optional<String>> STATE_DIR =
      Setting.optionalString(
          "ORCHESTRATOR_STATE_DIR",
          "Folder of the runtime's state stores; unset for Kafka Streams' default under the"
              + " temporary folder.");
  public static final Setting<Optional<String>> INSTANCE_ID =
      Setting.optionalString(
          "ORCHESTRATOR_INSTANCE_ID",
          "Stable id of this instance (static membership): a restarted instance resumes its"
              + " executions at once instead of after a rebalance.");
  public static final Setting<Duration> RETENTION =
      Setting.duration(
          "ORCHESTRATOR_HISTORY_RETENTION",
          "90d",
          "How long a closed execution, its history and its name are kept after it closed.");
  public static final Setting<Duration> TIMER_INTERVAL =
      Setting.duration(
          "ORCHESTRATOR_TIMER_INTERVAL", "200ms", "How often the runtime looks for due timers.");
  public static final Setting<Duration> FAILOVER_TIMEOUT =
      Setting.duration(
          "ORCHESTRATOR_FAILOVER_TIMEOUT",
          "15s",
          "How long an instance may be silent (crashed, cut off) before the others take over its"
              + " executions; 6s to 30m (the Kafka consumer's session timeout).");
  public static final Setting<Duration> COMMIT_INTERVAL =
      Setting.duration(
          "ORCHESTRATOR_COMMIT_INTERVAL",
          "15ms",
          "How often the runtime commits its Kafka transaction (Kafka Streams' commit.interval.ms):"
              + " the longest a handled command waits before its effects are visible; shorter means"
              + " lower latency and more transactions.");
  public static final Setting<String> TASK_TOKEN_KEYS =
      Setting.string(
          "ORCHESTRATOR_TASK_TOKEN_KEYS",
          LOCAL_TOKEN_KEY,
          "Task token signing keys as id:base64 pairs, comma-separated, at least 32 bytes each;"
              + " the first signs, all verify (add a new key first to rotate). The default is a"
              + " public local key.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          APPLICATION_ID,
          STATE_DIR,
          INSTANCE_ID,
          RETENTION,
          TIMER_INTERVAL,
          FAILOVER_TIMEOUT,
          COMMIT_INTERVAL,
          TASK_TOKEN_KEYS);

  /** Reads and validates the runtime's settings. */
  public static RuntimeConfig from(Settings settings) {
    String keys = settings.get(TASK_TOKEN_KEYS);
    Duration failover = settings.get(FAILOVER_TIMEOUT);
    if (failover.compareTo(Duration.ofSeconds(6)) < 0
        || failover.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new ConfigException(
          "Setting ORCHESTRATOR_FAILOVER_TIMEOUT="
              + failover
              + " is invalid: expected 6s to 30m (Kafka brokers refuse shorter or longer consumer"
              + " sessions by default)");
    }
    RuntimeConfig config =
        new RuntimeConfig(
            settings.get(APPLICATION_ID),
            settings.get(STATE_DIR),
            settings.get(INSTANCE_ID),
            settings.get(RETENTION),
            settings.get(TIMER_INTERVAL),
            failover,
            settings.get(COMMIT_INTERVAL),
            parseKeys(keys),
            keys.equals(LOCAL_TOKEN_KEY));
    config.taskTokens();
    return config;
  }

  /** The task tokens these keys make. */
  public io.pipeline.orchestrator.task.TaskTokens taskTokens() {
    try {
      return new io.pipeline.orchestrator.task.TaskTokens(taskTokenKeys);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Setting ORCHESTRATOR_TASK_TOKEN_KEYS is invalid: " + e.getMessage());
    }
  }

  /** Defaults for a local run with its state under {@code stateDir}. */
  public static RuntimeConfig local(String applicationId, String stateDir) {
    return new RuntimeConfig(
        applicationId,
        Optional.of(stateDir),
        Optional.empty(),
        Duration.ofDays(90),
        Duration.ofMillis(200),
        Duration.ofSeconds(15),
        Duration.ofMillis(15),
        parseKeys(LOCAL_TOKEN_KEY),
        true);
  }

  private static Map<String, byte[]> parseKeys(String text) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String[] pairs = text.split(",");
    for (int i = 0; i < pairs.length; i++) {
      String trimmed = pairs[i].trim();
      int colon = trimmed.indexOf(':');
      if (colon < 1) {
        throw new ConfigException(
            "Setting ORCHESTRATOR_TASK_TOKEN_KEYS is invalid: entry "
                + (i + 1)
                + " is not id:base64");
      }
      try {
        keys.put(
            trimmed.substring(0, colon), Base64.getDecoder().decode(trimmed.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "Setting ORCHESTRATOR_TASK_TOKEN_KEYS is invalid: the key of '"
                + trimmed.substring(0, colon)
                + "' is not Base64");
      }
    }
    return keys;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
