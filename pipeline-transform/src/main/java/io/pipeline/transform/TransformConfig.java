package io.pipeline.transform;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.transform.streams.ProcessingGuarantee;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the transform service.
 *
 * @param host the address {@code /health} and {@code /metrics} listen on
 * @param port their port; 0 picks a free one
 * @param stateDir the folder of the topologies' state stores, or Kafka Streams' default
 * @param instanceId a stable id of this instance for static membership
 * @param telemetry the telemetry topology's settings
 * @param stepsFile the Express steps to run on streams, if any
 * @param stepsApplicationPrefix the prefix of the steps' application ids
 */
public record TransformConfig(
    String host,
    int port,
    Optional<String> stateDir,
    Optional<String> instanceId,
    Telemetry telemetry,
    Optional<Path> stepsFile,
    String stepsApplicationPrefix) {

  public static final Setting<String> HOST =
      Setting.string("TRANSFORM_HTTP_HOST", "0.0.0.0", "Address /health and /metrics listen on.");
  public static final Setting<Integer> PORT =
      Setting.integer(
          "TRANSFORM_HTTP_PORT",
          8084,
          0,
          65535,
          "Port of the transform service's /health and /metrics; 0 for any free port.");
  public static final Setting<Optional<String>> STATE_DIR =
      Setting.optionalString(
          "TRANSFORM_STATE_DIR",
          "Folder of the topologies' state stores; unset for Kafka Streams' default under the"
              + " temporary folder.");
  public static final Setting<Optional<String>> INSTANCE_ID =
      Setting.optionalString(
          "TRANSFORM_INSTANCE_ID",
          "Stable id of this instance (static membership): a restarted instance takes its"
              + " partitions back at once instead of after a rebalance.");
  public static final Setting<Boolean> TELEMETRY_ENABLED =
      Setting.bool(
          "TELEMETRY_ENABLED",
          true,
          "true to run the telemetry topology on the MQTT bridge's envelopes"
              + " (pipeline.mqtt.messages): readings, aggregates, alerts.");
  public static final Setting<String> TELEMETRY_APPLICATION_ID =
      Setting.string(
          "TELEMETRY_APPLICATION_ID",
          "pipeline-telemetry",
          "Kafka Streams application id of the telemetry topology; instances share it.");
  public static final Setting<Duration> TELEMETRY_DEDUP_WINDOW =
      Setting.duration(
          "TELEMETRY_DEDUP_WINDOW",
          "10m",
          "How long around its event time a reading's id is remembered: a reading with the same"
              + " id within it is a duplicate and dropped.");
  public static final Setting<Duration> TELEMETRY_GRACE =
      Setting.duration(
          "TELEMETRY_GRACE",
          "30s",
          "How late a reading may arrive and still count in its windows' aggregates; each window"
              + " is emitted once, this long after it ends.");
  public static final Setting<ProcessingGuarantee> TELEMETRY_PROCESSING_GUARANTEE =
      Setting.oneOf(
              "TELEMETRY_PROCESSING_GUARANTEE",
              StreamsConfig.EXACTLY_ONCE_V2,
              Arrays.stream(ProcessingGuarantee.values()).map(ProcessingGuarantee::config).toList(),
              "exactly_once_v2 (default: no duplicate reading, aggregate or alert after a crash)"
                  + " or at_least_once (faster; a crash may repeat a batch's output).")
          .map(value -> ProcessingGuarantee.of(value).orElseThrow());
  public static final Setting<String> STEPS_APPLICATION_PREFIX =
      Setting.string(
          "TRANSFORM_STEPS_APPLICATION_PREFIX",
          "pipeline-step-",
          "Each Express step runs as its own Kafka Streams application, with this prefix and the"
              + " step's name as its id.");
  public static final Setting<Optional<String>> STEPS_FILE =
      Setting.optionalString(
          "TRANSFORM_STEPS_FILE",
          "JSON file of Express steps to run on streams: each names an ASL state machine, a"
              + " source topic and a sink topic; unset for none.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          HOST,
          PORT,
          STATE_DIR,
          INSTANCE_ID,
          TELEMETRY_ENABLED,
          TELEMETRY_APPLICATION_ID,
          TELEMETRY_DEDUP_WINDOW,
          TELEMETRY_GRACE,
          TELEMETRY_PROCESSING_GUARANTEE,
          STEPS_FILE,
          STEPS_APPLICATION_PREFIX);

  /**
   * The telemetry topology's settings.
   *
   * @param enabled whether it runs
   * @param applicationId its Kafka Streams application id
   * @param dedupWindow how long a reading's id is remembered
   * @param grace how late a reading may come
   * @param guarantee its processing guarantee
   */
  public record Telemetry(
      boolean enabled,
      String applicationId,
      Duration dedupWindow,
      Duration grace,
      ProcessingGuarantee guarantee) {

    /** Whether duplicates may reach the output after a crash. */
    public boolean atLeastOnce() {
      return guarantee == ProcessingGuarantee.AT_LEAST_ONCE;
    }
  }

  /** Reads and validates the transform service's settings. */
  public static TransformConfig from(Settings settings) {
    Optional<Path> steps = settings.get(STEPS_FILE).map(Path::of);
    steps.ifPresent(
        file -> {
          if (!Files.isRegularFile(file)) {
            throw new ConfigException(
                "Setting TRANSFORM_STEPS_FILE='" + file + "' is invalid: no such file");
          }
        });
    return new TransformConfig(
        settings.get(HOST),
        settings.get(PORT),
        settings.get(STATE_DIR),
        settings.get(INSTANCE_ID),
        new Telemetry(
            settings.get(TELEMETRY_ENABLED),
            settings.get(TELEMETRY_APPLICATION_ID),
            settings.get(TELEMETRY_DEDUP_WINDOW),
            settings.get(TELEMETRY_GRACE),
            settings.get(TELEMETRY_PROCESSING_GUARANTEE)),
        steps,
        settings.get(STEPS_APPLICATION_PREFIX));
  }
}
