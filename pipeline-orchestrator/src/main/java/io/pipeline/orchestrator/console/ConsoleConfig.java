package io.pipeline.orchestrator.console;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the console: who may sign in, the key session tokens are signed with, how long a
 * session lasts, and how the pipeline overview samples Kafka's offsets.
 *
 * @param users who may sign in
 * @param sessionKey the HMAC key of session tokens
 * @param generatedKey whether that key was made at start because none was set: sessions then end
 *     with the process and hold on this instance only
 * @param sessionLifetime how long a session lasts after signing in
 * @param overviewInterval how often the pipeline overview samples Kafka's offsets
 * @param overviewWindow how long its samples are kept: the span of its charts
 */
public record ConsoleConfig(
    ConsoleUsers users,
    byte[] sessionKey,
    boolean generatedKey,
    Duration sessionLifetime,
    Duration overviewInterval,
    Duration overviewWindow) {

  private static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
  private static final Duration MAX_LIFETIME = Duration.ofDays(30);
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_INTERVAL = Duration.ofMinutes(5);
  private static final Duration MAX_WINDOW = Duration.ofHours(24);

  /** Samples kept at most: each holds every topic's and group's offsets. */
  private static final long MAX_SAMPLES = 1000;

  public static final Setting<String> USERS =
      Setting.string(
          "ORCHESTRATOR_CONSOLE_USERS",
          ConsoleUsers.LOCAL,
          "Who may sign in to the console at /console, as NAME:PASSWORD entries separated by"
              + " commas; a password is itself or its hash (pbkdf2-sha256:..., made by ./pipeline"
              + " console-password). The default is the documented local user"
              + " pipeline:pipeline-secret.");

  public static final Setting<Optional<String>> SESSION_KEY =
      Setting.optionalString(
          "ORCHESTRATOR_CONSOLE_SESSION_KEY",
          "Base64 key (at least 32 bytes) console session tokens are signed with; instances that"
              + " share it accept each other's sessions. Unset: a random key made at start, so"
              + " sessions end with the process.");

  public static final Setting<Duration> SESSION_LIFETIME =
      Setting.duration(
          "ORCHESTRATOR_CONSOLE_SESSION_LIFETIME",
          "12h",
          "How long a console session lasts after signing in (1m to 30d).");

  public static final Setting<Duration> OVERVIEW_INTERVAL =
      Setting.duration(
          "ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL",
          "5s",
          "How often the console's pipeline overview samples Kafka's offsets (topics' records,"
              + " consumer groups' lag), 1s to 5m; its page refreshes as often.");

  public static final Setting<Duration> OVERVIEW_WINDOW =
      Setting.duration(
          "ORCHESTRATOR_CONSOLE_OVERVIEW_WINDOW",
          "10m",
          "How long the pipeline overview keeps its samples, the span of its charts: at least two"
              + " intervals, at most 1000 of them and 24h.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(USERS, SESSION_KEY, SESSION_LIFETIME, OVERVIEW_INTERVAL, OVERVIEW_WINDOW);

  /** Reads and validates the console's settings. */
  public static ConsoleConfig from(Settings settings) {
    ConsoleUsers users;
    try {
      users = ConsoleUsers.parse(settings.get(USERS));
    } catch (IllegalArgumentException e) {
      // The value is not quoted: it holds passwords.
      throw new ConfigException("Setting " + USERS.name() + " is invalid: " + e.getMessage());
    }
    Optional<String> configuredKey = settings.get(SESSION_KEY);
    byte[] key = configuredKey.map(ConsoleConfig::key).orElseGet(ConsoleConfig::randomKey);
    Duration lifetime = settings.get(SESSION_LIFETIME);
    if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new ConfigException(
          "Setting "
              + SESSION_LIFETIME.name()
              + "='"
              + lifetime
              + "' is invalid: expected 1m to 30d");
    }
    Duration interval = settings.get(OVERVIEW_INTERVAL);
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new ConfigException(
          "Setting "
              + OVERVIEW_INTERVAL.name()
              + "='"
              + interval
              + "' is invalid: expected 1s to 5m");
    }
    Duration window = settings.get(OVERVIEW_WINDOW);
    if (window.compareTo(interval.multipliedBy(2)) < 0
        || window.compareTo(interval.multipliedBy(MAX_SAMPLES)) > 0
        || window.compareTo(MAX_WINDOW) > 0) {
      throw new ConfigException(
          "Setting "
              + OVERVIEW_WINDOW.name()
              + "='"
              + window
              + "' is invalid: expected at least two and at most "
              + MAX_SAMPLES
              + " times "
              + OVERVIEW_INTERVAL.name()
              + " ("
              + interval
              + "), and at most 24h");
    }
    return new ConsoleConfig(users, key, configuredKey.isEmpty(), lifetime, interval, window);
  }

  private static byte[] key(String text) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Setting " + SESSION_KEY.name() + " is invalid: it is not Base64");
    }
    if (key.length < 32) {
      throw new ConfigException(
          "Setting "
              + SESSION_KEY.name()
              + " is invalid: "
              + key.length
              + " bytes, expected at least 32");
    }
    return key;
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
