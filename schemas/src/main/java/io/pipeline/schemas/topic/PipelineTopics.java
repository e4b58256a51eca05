package io.pipeline.schemas.topic;

import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.orchestrator.ActivityRecord;
import io.pipeline.schemas.orchestrator.CommandReply;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExpressStart;
import io.pipeline.schemas.orchestrator.MapRunRecord;
import io.pipeline.schemas.orchestrator.ResourceTags;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.orchestrator.VersionCatalogEntry;
import io.pipeline.schemas.s3.S3ListingEntry;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.serde.ExecutionHistorySerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the pipeline, with their formats. Built once at start-up around the store that
 * resolves writer schemas (the built-in catalog, or the schema topic in a running service).
 */
public final class PipelineTopics {

  /** Compacted topic of every Avro schema a writer has used, keyed by fingerprint. */
  public static final String SCHEMAS = "_pipeline.schemas";

  /** Objects created in S3 buckets, keyed by bucket/key. */
  public static final String S3_OBJECT_EVENTS = "pipeline.s3.object-events";

  /**
   * S3 event notifications as the SQS and webhook bridges received them, keyed by bucket/key;
   * at-least-once, so the same notification may be there twice. The deduplication step turns them
   * into {@link #S3_OBJECT_EVENTS}.
   */
  public static final String S3_NOTIFICATIONS = "pipeline.s3.notifications";

  /** The S3 listing bridge's memory of reported objects, compacted, keyed by bucket/key. */
  public static final String S3_LISTING_STATE = "pipeline.s3.listing-state";

  /** MQTT messages as received by the IoT bridge, keyed by device id or MQTT topic. */
  public static final String MQTT_MESSAGES = "pipeline.mqtt.messages";

  /** Parsed IoT telemetry readings, keyed by device id. */
  public static final String IOT_TELEMETRY = "pipeline.iot.telemetry";

  /** Per-device windowed aggregates of the telemetry, keyed by device id. */
  public static final String IOT_AGGREGATES = "pipeline.iot.aggregates";

  /** The device registry, compacted, keyed by device id. */
  public static final String IOT_DEVICES = "pipeline.iot.devices";

  /** Readings past their device's limits, keyed by device id. */
  public static final String IOT_ALERTS = "pipeline.iot.alerts";

  /** Messages the ingest bridges could not process, with the reason, keyed as they were. */
  public static final String INGEST_DEAD_LETTERS = "pipeline.ingest.dead-letters";

  /** Records the streaming transformations could not process, with the reason. */
  public static final String TRANSFORM_DEAD_LETTERS = "pipeline.transform.dead-letters";

  /**
   * State machines, compacted: the current revision keyed by ARN, each revision by ARN:revisionId.
   * One partition, so that every instance reads all of them in order.
   */
  public static final String STATE_MACHINES = "pipeline.orchestrator.state-machines";

  /** Activities, compacted, keyed by ARN. One partition, read whole by every instance. */
  public static final String ACTIVITIES = "pipeline.orchestrator.activities";

  /**
   * The tags of state machines and activities, compacted, keyed by the resource's ARN. One
   * partition, read whole by every instance.
   */
  public static final String TAGS = "pipeline.orchestrator.tags";

  /**
   * The runs of Distributed Map states, compacted, keyed by Map Run ARN: written by the runtime in
   * the transaction of each change, read whole by every instance (DescribeMapRun, ListMapRuns).
   */
  public static final String MAP_RUNS = "pipeline.orchestrator.map-runs";

  /**
   * State machine versions and aliases, compacted: each keyed by its ARN, and each state machine's
   * version counter by the state machine's ARN. One partition, read whole by every instance.
   */
  public static final String STATE_MACHINE_VERSIONS =
      "pipeline.orchestrator.state-machine-versions";

  /**
   * Commands to Standard executions (start, stop, task results, timers), keyed by execution ARN:
   * the runtime's input, each handled in one transaction.
   */
  public static final String EXECUTION_COMMANDS = "pipeline.orchestrator.commands";

  /** The runtime's verdicts on commands that carried a request id, keyed by request id. */
  public static final String COMMAND_REPLIES = "pipeline.orchestrator.replies";

  /**
   * Every Standard execution's history events, keyed by execution ARN, in event order: a record per
   * command (more when its events are large).
   */
  public static final String EXECUTION_HISTORY = "pipeline.orchestrator.history";

  /**
   * Executions' status changes (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED) as JSON shaped like
   * EventBridge's "Step Functions Execution Status Change" events, keyed by execution ARN.
   */
  public static final String EXECUTION_STATUS_CHANGES = "pipeline.orchestrator.status-changes";

  /**
   * Express executions' events, as their state machine's logging level selects them, JSON shaped
   * like Step Functions' CloudWatch log entries, keyed by execution ARN.
   */
  public static final String EXPRESS_LOGS = "pipeline.orchestrator.express-logs";

  /** Asynchronous starts of Express executions, keyed by execution ARN, consumed at least once. */
  public static final String EXPRESS_STARTS = "pipeline.orchestrator.express-starts";

  /**
   * Task requests for the orchestrator's integrations (HTTP, S3, Lambda...), keyed by execution
   * ARN: written in the transaction that decided the call, read once it commits.
   */
  public static final String INTEGRATION_TASKS = "pipeline.orchestrator.integration-tasks";

  /** Task requests for an activity's workers live on this prefix plus the activity's name. */
  public static final String ACTIVITY_PREFIX = "pipeline.activity.";

  /** Verdicts are waited for in seconds; an hour of them is plenty. */
  private static final Duration REPLY_RETENTION = Duration.ofHours(1);

  /**
   * The largest record on the command and integration task topics, 16 MiB, as the runtime's stored
   * executions: a Distributed Map's items arrive as one task result (a command) and its results
   * leave as one integration request, both far above the broker's default of 1 MiB. Topics created
   * before keep their setting (raise max.message.bytes with kafka-configs).
   */
  public static final int MAX_COMMAND_BYTES = 16 * 1024 * 1024;

  private final SchemaStore writerSchemas;
  private final Topic<String, String> schemas;
  private final Topic<String, S3ObjectEvent> s3ObjectEvents;
  private final Topic<String, S3ListingEntry> s3ListingState;
  private final Topic<String, MqttMessage> mqttMessages;
  private final Topic<String, TelemetryReading> iotTelemetry;
  private final Topic<String, S3Notification> s3Notifications;
  private final Topic<String, DeadLetter> ingestDeadLetters;
  private final Topic<String, DeadLetter> transformDeadLetters;
  private final Topic<String, TelemetryAggregate> iotAggregates;
  private final Topic<String, DeviceRecord> iotDevices;
  private final Topic<String, TelemetryAlert> iotAlerts;
  private final Topic<String, StateMachineRecord> stateMachines;
  private final Topic<String, VersionCatalogEntry> stateMachineVersions;
  private final Topic<String, ActivityRecord> activities;
  private final Topic<String, ResourceTags> tags;
  private final Topic<String, MapRunRecord> mapRuns;
  private final Topic<String, ExecutionCommand> executionCommands;
  private final Topic<String, CommandReply> commandReplies;
  private final Topic<String, ExecutionHistoryBatch> executionHistory;
  private final Topic<String, ExpressStart> expressStarts;
  private final Topic<String, String> executionStatusChanges;
  private final Topic<String, String> expressLogs;
  private final Topic<String, TaskRequest> integrationTasks;

  /**
   * @param writerSchemas where deserializers find the schemas records were written with
   */
  public PipelineTopics(SchemaStore writerSchemas) {
    this.writerSchemas = writerSchemas;
    schemas =
        new Topic<>(
            SCHEMAS, Serdes.String(), Serdes.String(), Optional.empty(), TopicSpec.compacted(1));
    s3ObjectEvents =
        avro(S3_OBJECT_EVENTS, S3ObjectEvent.class, writerSchemas, TopicSpec.retained(6));
    s3ListingState =
        avro(S3_LISTING_STATE, S3ListingEntry.class, writerSchemas, TopicSpec.compacted(3));
    mqttMessages = avro(MQTT_MESSAGES, MqttMessage.class, writerSchemas, TopicSpec.retained(6));
    iotTelemetry =
        avro(IOT_TELEMETRY, TelemetryReading.class, writerSchemas, TopicSpec.retained(6));
    s3Notifications =
        avro(S3_NOTIFICATIONS, S3Notification.class, writerSchemas, TopicSpec.retained(6));
    ingestDeadLetters =
        avro(INGEST_DEAD_LETTERS, DeadLetter.class, writerSchemas, TopicSpec.retained(3));
    transformDeadLetters =
        avro(TRANSFORM_DEAD_LETTERS, DeadLetter.class, writerSchemas, TopicSpec.retained(3));
    iotAggregates =
        avro(IOT_AGGREGATES, TelemetryAggregate.class, writerSchemas, TopicSpec.retained(6));
    iotDevices = avro(IOT_DEVICES, DeviceRecord.class, writerSchemas, TopicSpec.compacted(1));
    iotAlerts = avro(IOT_ALERTS, TelemetryAlert.class, writerSchemas, TopicSpec.retained(6));
    stateMachines =
        avro(STATE_MACHINES, StateMachineRecord.class, writerSchemas, TopicSpec.compacted(1));
    stateMachineVersions =
        avro(
            STATE_MACHINE_VERSIONS,
            VersionCatalogEntry.class,
            writerSchemas,
            TopicSpec.compacted(1));
    activities = avro(ACTIVITIES, ActivityRecord.class, writerSchemas, TopicSpec.compacted(1));
    tags = avro(TAGS, ResourceTags.class, writerSchemas, TopicSpec.compacted(1));
    mapRuns = avro(MAP_RUNS, MapRunRecord.class, writerSchemas, TopicSpec.compacted(1));
    executionCommands =
        avro(EXECUTION_COMMANDS, ExecutionCommand.class, writerSchemas, largeRecords(6));
    commandReplies =
        avro(
            COMMAND_REPLIES,
            CommandReply.class,
            writerSchemas,
            new TopicSpec(
                1,
                Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(REPLY_RETENTION.toMillis()))));
    executionHistory =
        new Topic<>(
            EXECUTION_HISTORY,
            Serdes.String(),
            new ExecutionHistorySerde(writerSchemas),
            Optional.of(ExecutionHistoryBatch.getClassSchema()),
            TopicSpec.retained(6));
    expressStarts = avro(EXPRESS_STARTS, ExpressStart.class, writerSchemas, TopicSpec.retained(6));
    executionStatusChanges = json(EXECUTION_STATUS_CHANGES, TopicSpec.retained(6));
    expressLogs = json(EXPRESS_LOGS, TopicSpec.retained(6));
    integrationTasks = avro(INTEGRATION_TASKS, TaskRequest.class, writerSchemas, largeRecords(6));
  }

  /**
   * The topic of an activity's task requests.
   *
   * @param activityName the activity's name (1 to 80 letters, digits, '-' or '_')
   */
  public Topic<String, TaskRequest> activity(String activityName) {
    return avro(
        ACTIVITY_PREFIX + activityName, TaskRequest.class, writerSchemas, TopicSpec.retained(3));
  }

  /** A topic kept by time whose records may reach {@link #MAX_COMMAND_BYTES}. */
  private static TopicSpec largeRecords(int partitions) {
    return new TopicSpec(
        partitions,
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            Integer.toString(MAX_COMMAND_BYTES)));
  }

  private static Topic<String, String> json(String name, TopicSpec spec) {
    return new Topic<>(name, Serdes.String(), Serdes.String(), Optional.empty(), spec);
  }

  private static <V extends SpecificRecord> Topic<String, V> avro(
      String name, Class<V> type, SchemaStore writerSchemas, TopicSpec spec) {
    AvroSerde<V> serde = AvroSerde.specific(type, writerSchemas);
    return new Topic<>(name, Serdes.String(), serde, Optional.of(serde.schema()), spec);
  }

  /**
   * The serde of a record kept in a state store rather than on a topic of its own, resolving writer
   * schemas as the topics' serdes do.
   */
  public <V extends SpecificRecord> AvroSerde<V> storeSerde(Class<V> type) {
    return AvroSerde.specific(type, writerSchemas);
  }

  public Topic<String, String> schemas() {
    return schemas;
  }

  public Topic<String, S3ObjectEvent> s3ObjectEvents() {
    return s3ObjectEvents;
  }

  public Topic<String, S3ListingEntry> s3ListingState() {
    return s3ListingState;
  }

  public Topic<String, MqttMessage> mqttMessages() {
    return mqttMessages;
  }

  public Topic<String, TelemetryReading> iotTelemetry() {
    return iotTelemetry;
  }

  public Topic<String, S3Notification> s3Notifications() {
    return s3Notifications;
  }

  public Topic<String, DeadLetter> ingestDeadLetters() {
    return ingestDeadLetters;
  }

  public Topic<String, DeadLetter> transformDeadLetters() {
    return transformDeadLetters;
  }

  public Topic<String, TelemetryAggregate> iotAggregates() {
    return iotAggregates;
  }

  public Topic<String, DeviceRecord> iotDevices() {
    return iotDevices;
  }

  public Topic<String, TelemetryAlert> iotAlerts() {
    return iotAlerts;
  }

  public Topic<String, StateMachineRecord> stateMachines() {
    return stateMachines;
  }

  public Topic<String, VersionCatalogEntry> stateMachineVersions() {
    return stateMachineVersions;
  }

  public Topic<String, ActivityRecord> activities() {
    return activities;
  }

  public Topic<String, ResourceTags> tags() {
    return tags;
  }

  public Topic<String, MapRunRecord> mapRuns() {
    return mapRuns;
  }

  public Topic<String, ExecutionCommand> executionCommands() {
    return executionCommands;
  }

  public Topic<String, CommandReply> commandReplies() {
    return commandReplies;
  }

  public Topic<String, ExecutionHistoryBatch> executionHistory() {
    return executionHistory;
  }

  public Topic<String, ExpressStart> expressStarts() {
    return expressStarts;
  }

  public Topic<String, String> executionStatusChanges() {
    return executionStatusChanges;
  }

  public Topic<String, String> expressLogs() {
    return expressLogs;
  }

  public Topic<String, TaskRequest> integrationTasks() {
    return integrationTasks;
  }

  /** Every topic of the pipeline but the activities', which come and go with them. */
  public List<Topic<?, ?>> all() {
    return List.of(
        schemas,
        s3ObjectEvents,
        s3Notifications,
        s3ListingState,
        mqttMessages,
        iotTelemetry,
        ingestDeadLetters,
        transformDeadLetters,
        iotAggregates,
        iotDevices,
        iotAlerts,
        stateMachines,
        stateMachineVersions,
        activities,
        tags,
        mapRuns,
        executionCommands,
        commandReplies,
        executionHistory,
        expressStarts,
        executionStatusChanges,
        expressLogs,
        integrationTasks);
  }

  /** The pipeline topic of this name, if it is one. */
  public Optional<Topic<?, ?>> find(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
