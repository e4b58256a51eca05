package io.pipeline.transform.etl;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.schemas.topic.PipelineKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The settings of the batch ETL workers, read and validated at start-up: a wrong one fails with a
 * message that names it.
 *
 * @param schemaFile where the rows' Avro schema was read from
 * @param schema the rows' Avro schema (a record), from {@link #SCHEMA_FILE}
 * @param rowsTopic the topic good rows are written to, keyed by row id
 * @param rowsPartitions the partitions of {@code rowsTopic} when the workers create it
 * @param eventsTopic the topic the state machine reports each load on (created by the workers)
 * @param maxObjectBytes the largest object loaded
 * @param maxRowBytes the longest row (a JSON line, or a CSV value) read
 * @param inputPrefix the prefix of new objects, left out of the keys of what a load writes
 * @param outputBucket where curated files, quarantine reports and manifests go; empty for the
 *     object's own bucket
 * @param transactionalIdPrefix the prefix of each object's Kafka transactional id
 * @param transactionTimeout how long one object's Kafka transaction may stay open
 * @param partBytes the size of the parts curated files are uploaded in
 * @param concurrency how many objects a worker transforms at once
 * @param heartbeatInterval how often a transform tells the runtime it is alive
 * @param replicationFactor the replication factor of the topics the workers create
 */
public record EtlConfig(
    Path schemaFile,
    Schema schema,
    String rowsTopic,
    int rowsPartitions,
    String eventsTopic,
    long maxObjectBytes,
    int maxRowBytes,
    String inputPrefix,
    Optional<String> outputBucket,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    int partBytes,
    int concurrency,
    Duration heartbeatInterval,
    Optional<Short> replicationFactor) {

  public static final Setting<String> SCHEMA_FILE =
      Setting.requiredString(
          "ETL_SCHEMA_FILE",
          "Path of the Avro schema (.avsc, a record) every row is converted to; a CSV header must"
              + " name its fields.");
  public static final Setting<String> ROWS_TOPIC =
      Setting.string(
          "ETL_ROWS_TOPIC",
          "pipeline.etl.rows",
          "Topic the good rows go to, as Avro records keyed by their row id (compacted when the"
              + " workers create it).");
  public static final Setting<Integer> ROWS_PARTITIONS =
      Setting.integer(
          "ETL_ROWS_PARTITIONS",
          6,
          1,
          1000,
          "Partitions of ETL_ROWS_TOPIC if the workers create it.");
  public static final Setting<String> EVENTS_TOPIC =
      Setting.string(
          "ETL_EVENTS_TOPIC",
          "pipeline.etl.loads",
          "Topic the state machine reports each object's load on (LOADED, SKIPPED or FAILED);"
              + " the workers create it so that the state machine's Kafka produce finds it.");
  public static final Setting<Long> MAX_OBJECT_BYTES =
      byteSize(
          "ETL_MAX_OBJECT_BYTES",
          "2GiB",
          "Largest object loaded (bytes, or with KiB, MiB, GiB); larger ones fail validation.");
  public static final Setting<Long> MAX_ROW_BYTES =
      byteSize(
          "ETL_MAX_ROW_BYTES",
          "1MiB",
          "Longest JSON line, or CSV value, read; a longer JSON line is quarantined, a longer CSV"
              + " value makes the object invalid.");
  public static final Setting<String> INPUT_PREFIX =
      Setting.string(
          "ETL_INPUT_PREFIX",
          "incoming/",
          "Prefix of new objects: incoming/a/b.csv is loaded to curated/a/b.csv.avro.");
  public static final Setting<Optional<String>> OUTPUT_BUCKET =
      Setting.optionalString(
          "ETL_OUTPUT_BUCKET",
          "Bucket of the curated files, quarantine reports and manifests; unset for the bucket of"
              + " the object loaded.");
  public static final Setting<String> TRANSACTIONAL_ID_PREFIX =
      Setting.string(
          "ETL_TRANSACTIONAL_ID_PREFIX",
          "pipeline.etl.",
          "Prefix of the Kafka transactional id of each object's load (the rest is a hash of the"
              + " object's bucket, key and ETag).");
  public static final Setting<Duration> TRANSACTION_TIMEOUT =
      Setting.duration(
          "ETL_TRANSACTION_TIMEOUT",
          "15m",
          "How long one object's Kafka transaction may stay open: the longest a load may take. At"
              + " most the brokers' transaction.max.timeout.ms (15 minutes by default).");
  public static final Setting<Long> PART_BYTES =
      byteSize(
          "ETL_PART_BYTES",
          "8MiB",
          "Size of the parts curated files are uploaded in (5 MiB to 512 MiB); each transform holds"
              + " one part in memory.");
  public static final Setting<Integer> CONCURRENCY =
      Setting.integer(
          "ETL_CONCURRENCY", 2, 1, 64, "How many objects one worker transforms at once.");
  public static final Setting<Duration> HEARTBEAT_INTERVAL =
      Setting.duration(
          "ETL_HEARTBEAT_INTERVAL",
          "10s",
          "How often a transform sends a task heartbeat; keep it well below the Task state's"
              + " HeartbeatSeconds.");

  /** The settings read here, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          SCHEMA_FILE,
          ROWS_TOPIC,
          ROWS_PARTITIONS,
          EVENTS_TOPIC,
          MAX_OBJECT_BYTES,
          MAX_ROW_BYTES,
          INPUT_PREFIX,
          OUTPUT_BUCKET,
          TRANSACTIONAL_ID_PREFIX,
          TRANSACTION_TIMEOUT,
          PART_BYTES,
          CONCURRENCY,
          HEARTBEAT_INTERVAL);

  private static final long MIN_PART_BYTES = 5L * 1024 * 1024;
  private static final long MAX_PART_BYTES = 512L * 1024 * 1024;
  private static final Pattern BYTE_SIZE =
      Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB|TiB)", Pattern.CASE_INSENSITIVE);

  /** Reads and validates the settings. */
  public static EtlConfig from(Settings settings) {
    Path schemaFile = Path.of(settings.get(SCHEMA_FILE).trim());
    String inputPrefix = settings.get(INPUT_PREFIX).trim();
    if (!inputPrefix.isEmpty() && !inputPrefix.endsWith("/")) {
      throw new ConfigException(
          "Setting ETL_INPUT_PREFIX='" + inputPrefix + "' is invalid: it must end with '/'");
    }
    return new EtlConfig(
        schemaFile,
        readSchema(schemaFile),
        topicName(settings, ROWS_TOPIC),
        settings.get(ROWS_PARTITIONS),
        topicName(settings, EVENTS_TOPIC),
        positive(settings, MAX_OBJECT_BYTES, 1, Long.MAX_VALUE),
        (int) positive(settings, MAX_ROW_BYTES, 1024, Integer.MAX_VALUE),
        inputPrefix,
        settings.get(OUTPUT_BUCKET),
        settings.get(TRANSACTIONAL_ID_PREFIX).trim(),
        settings.get(TRANSACTION_TIMEOUT),
        (int) positive(settings, PART_BYTES, MIN_PART_BYTES, MAX_PART_BYTES),
        settings.get(CONCURRENCY),
        settings.get(HEARTBEAT_INTERVAL),
        settings.get(PipelineKafka.REPLICATION_FACTOR));
  }

  /** Where the load of an object writes. */
  ObjectPaths paths(String bucket, String key) {
    return ObjectPaths.of(bucket, key, inputPrefix, outputBucket);
  }

  private static Schema readSchema(Path file) {
    Schema schema;
    try {
      schema = new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(
          "Setting ETL_SCHEMA_FILE='" + file + "' cannot be read: " + e.getMessage(), e);
    } catch (SchemaParseException e) {
      throw new ConfigException(
          "Setting ETL_SCHEMA_FILE='" + file + "' is not a valid Avro schema: " + e.getMessage(),
          e);
    }
    if (schema.getType() != Schema.Type.RECORD) {
      throw new ConfigException(
          "Setting ETL_SCHEMA_FILE='"
              + file
              + "' is invalid: rows need a record schema, not "
              + schema.getType().getName());
    }
    return schema;
  }

  private static String topicName(Settings settings, Setting<String> setting) {
    String name = settings.get(setting).trim();
    if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new ConfigException(
          "Setting "
              + setting.name()
              + "='"
              + name
              + "' is invalid: a topic name has 1 to 249 letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  private static long positive(Settings settings, Setting<Long> setting, long min, long max) {
    long value = settings.get(setting);
    if (value < min || value > max) {
      throw new ConfigException(
          "Setting "
              + setting.name()
              + "="
              + value
              + " is invalid: expected "
              + min
              + " to "
              + max
              + " bytes");
    }
    return value;
  }

  /** A number of bytes, plain or with a unit: {@code 1048576}, {@code 64KiB}, {@code 2GiB}. */
  static Setting<Long> byteSize(String name, String defaultValue, String doc) {
    return new Setting<>(name, doc, Optional.of(defaultValue), EtlConfig::parseBytes);
  }

  static long parseBytes(String text) {
    Matcher matcher = BYTE_SIZE.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("expected a size such as 1048576, 64KiB, 8MiB or 2GiB");
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the number is too large");
    }
    String unit = matcher.group(2).toUpperCase(Locale.ROOT);
    int shift =
        switch (unit) {
          case "KIB" -> 10;
          case "MIB" -> 20;
          case "GIB" -> 30;
          case "TIB" -> 40;
          default -> 0;
        };
    if (amount > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("the size is too large");
    }
    return amount << shift;
  }
}
