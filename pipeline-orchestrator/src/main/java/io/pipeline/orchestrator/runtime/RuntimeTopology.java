package io.pipeline.orchestrator.runtime;

import io.pipeline.asl.model.ActivityArn;
import io.pipeline.orchestrator.task.TaskTokens;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The Standard runtime's topology: commands → {@link ExecutionProcessor} (with its execution,
 * timer, history, listing and open-callback stores) → history, verdicts, task requests, and its own
 * follow-up commands. Every node and store is named, so internal topics keep their names across
 * deploys.
 */
public final class RuntimeTopology {

  static final String SOURCE = "execution-commands";
  static final String PROCESSOR = "executions";
  static final String EXECUTIONS_STORE = "executions";
  static final String TIMERS_STORE = "execution-timers";
  static final String HISTORY_STORE = "execution-history";
  static final String LISTINGS_STORE = "execution-listings";
  static final String MAP_RUN_CHILDREN_STORE = "map-run-children";
  static final String OPEN_CALLBACKS_STORE = "open-callbacks";
  static final String COMMANDS_SINK = "follow-up-commands";
  static final String HISTORY_SINK = "history-events";
  static final String REPLIES_SINK = "command-replies";
  static final String TASKS_SINK = "activity-tasks";
  static final String STATUS_SINK = "status-changes";
  static final String KAFKA_SINK = "kafka-produce";
  static final String MAP_RUNS_SINK = "map-runs";

  /**
   * A stored execution may hold a Map's many iterations; its changelog records may be larger than
   * Kafka's default megabyte. The producer's request size follows.
   */
  static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  /** Topic names the processor needs. */
  record Names(String commandTopic) {}

  private RuntimeTopology() {}

  /**
   * The topology.
   *
   * @param topics the pipeline's topics
   * @param writerSchemas where the stores' Avro readers find writer schemas
   * @param definitions the state machine revisions
   * @param tokens signs and checks task tokens
   * @param retention how long a closed execution and its history are kept
   * @param timerInterval how often due timers are looked for
   * @param metrics where the processor reports
   * @param routes what sending a Task's call on its way asks
   */
  static Topology build(
      PipelineTopics topics,
      SchemaStore writerSchemas,
      Definitions definitions,
      TaskTokens tokens,
      Duration retention,
      Duration timerInterval,
      RuntimeMetrics metrics,
      TaskRoutes routes) {
    Topic<String, ?> commands = topics.executionCommands();
    Names names = new Names(commands.name());
    AvroSerde<ExecutionRecord> executionSerde =
        AvroSerde.specific(ExecutionRecord.class, writerSchemas);
    Map<String, String> largeRecords =
        Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES));
    Topology topology = new Topology();
    topology.addSource(
        SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), commands.name());
    topology.addProcessor(
        PROCESSOR,
        () ->
            new ExecutionProcessor(
                names,
                definitions,
                tokens,
                AvroSerde.specific(
                    io.pipeline.schemas.orchestrator.ExecutionCommand.class, writerSchemas),
                retention,
                timerInterval,
                metrics,
                routes),
        SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EXECUTIONS_STORE), Serdes.String(), executionSerde)
            .withLoggingEnabled(largeRecords),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TIMERS_STORE), Serdes.Bytes(), Serdes.ByteArray()),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HISTORY_STORE),
                Serdes.Bytes(),
                topics.executionHistory().valueSerde())
            .withLoggingEnabled(largeRecords),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(LISTINGS_STORE), Serdes.Bytes(), Serdes.ByteArray()),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(MAP_RUN_CHILDREN_STORE),
            Serdes.Bytes(),
            Serdes.ByteArray()),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(OPEN_CALLBACKS_STORE), Serdes.String(), Serdes.String()),
        PROCESSOR);
    topology.addSink(
        COMMANDS_SINK,
        commands.name(),
        new StringSerializer(),
        topics.executionCommands().valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        HISTORY_SINK,
        topics.executionHistory().name(),
        new StringSerializer(),
        topics.executionHistory().valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        REPLIES_SINK,
        topics.commandReplies().name(),
        new StringSerializer(),
        topics.commandReplies().valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        STATUS_SINK,
        topics.executionStatusChanges().name(),
        new StringSerializer(),
        topics.executionStatusChanges().valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        MAP_RUNS_SINK,
        topics.mapRuns().name(),
        new StringSerializer(),
        topics.mapRuns().valueSerde().serializer(),
        PROCESSOR);
    // An activity's requests go to its workers' topic, the others to the integration runner.
    TopicNameExtractor<String, TaskRequest> taskTopic =
        (key, request, context) ->
            ActivityArn.name(request.getActivityArn())
                .map(activity -> PipelineTopics.ACTIVITY_PREFIX + activity)
                .orElse(PipelineTopics.INTEGRATION_TASKS);
    topology.addSink(
        TASKS_SINK,
        taskTopic,
        new StringSerializer(),
        topics.activity("any").valueSerde().serializer(),
        PROCESSOR);
    TopicNameExtractor<String, KafkaProduce.Produced> producedTopic =
        (key, produced, context) -> produced.topic();
    topology.addSink(
        KAFKA_SINK,
        producedTopic,
        new StringSerializer(),
        (Serializer<KafkaProduce.Produced>) (topic, produced) -> produced.value(),
        PROCESSOR);
    return topology;
  }
}
