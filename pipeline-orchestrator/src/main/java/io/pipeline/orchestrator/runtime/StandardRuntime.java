package io.pipeline.orchestrator.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.StreamsProperties;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Standard workflow runtime: a Kafka Streams application with {@code exactly_once_v2} around
 * the pure engine (see {@link ExecutionProcessor}), and the queries the API answers from its
 * stores.
 *
 * <p>Queries read this instance's stores: an execution owned by another instance is not found here
 * yet (routing queries to the owner comes with scale-out).
 */
public final class StandardRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StandardRuntime.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final RuntimeConfig config;

  /**
   * @param config the runtime's settings
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param writerSchemas where Avro readers find writer schemas
   * @param registry the state machines
   * @param meters where the runtime and Kafka Streams report
   */
  public StandardRuntime(
      RuntimeConfig config,
      KafkaSettings kafka,
      PipelineTopics topics,
      SchemaStore writerSchemas,
      StateMachineRegistry registry,
      MeterRegistry meters) {
    this.config = config;
    this.streams =
        new KafkaStreams(
            RuntimeTopology.build(
                topics,
                writerSchemas,
                new Definitions(registry::revision, Definitions.VIEW_LAG),
                config.taskTokens(),
                config.retention(),
                config.timerInterval(),
                new RuntimeMetrics(meters)),
            properties(config, kafka));
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    if (config.localTokenKey()) {
      log.warn(
          "Task tokens are signed with the public local key; set ORCHESTRATOR_TASK_TOKEN_KEYS"
              + " wherever workers are not trusted");
    }
  }

  private static Properties properties(RuntimeConfig config, KafkaSettings kafka) {
    return StreamsProperties.exactlyOnce(
        kafka,
        config.applicationId(),
        config.stateDir(),
        config.instanceId(),
        Map.of(
            StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
            RuntimeTopology.MAX_RECORD_BYTES,
            StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG),
            "lz4",
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
            config.commitInterval().toMillis()));
  }

  /** Starts processing. */
  public void start() {
    streams.start();
    log.info("Standard runtime running as '{}'", config.applicationId());
  }

  /** The runtime's Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * An execution as this instance's store holds it.
   *
   * @throws RuntimeUnavailableException while the stores are not queryable (starting, rebalancing)
   */
  public Optional<ExecutionRecord> execution(String executionArn) {
    return query(
        () ->
            Optional.ofNullable(
                this.<String, ExecutionRecord>store(RuntimeTopology.EXECUTIONS_STORE)
                    .get(executionArn)));
  }

  /**
   * A page of an execution's history.
   *
   * @param executionArn the execution
   * @param after the page starts after this event id (before it when reverse; 0 for the start)
   * @param max at most this many events
   * @param reverse newest first
   */
  public List<ExecutionHistoryEvent> history(
      String executionArn, long after, int max, boolean reverse) {
    return query(() -> page(executionArn, after, max, reverse));
  }

  private List<ExecutionHistoryEvent> page(
      String executionArn, long after, int max, boolean reverse) {
    ReadOnlyKeyValueStore<Bytes, ExecutionHistoryEvent> store =
        store(RuntimeTopology.HISTORY_STORE);
    List<ExecutionHistoryEvent> page = new ArrayList<>();
    try (KeyValueIterator<Bytes, ExecutionHistoryEvent> events =
        reverse
            ? store.reverseRange(
                StoreKeys.historyEvent(executionArn, 1),
                StoreKeys.historyEvent(executionArn, after == 0 ? Long.MAX_VALUE : after - 1))
            : store.range(
                StoreKeys.historyEvent(executionArn, after + 1),
                StoreKeys.historyEvent(executionArn, Long.MAX_VALUE))) {
      while (events.hasNext() && page.size() < max) {
        page.add(events.next().value);
      }
    }
    return page;
  }

  /**
   * Runs a query on the stores. A store can become unqueryable at any moment of a query (a
   * rebalance, a restore): that is {@link RuntimeUnavailableException}, which callers retry.
   */
  private <T> T query(java.util.function.Supplier<T> query) {
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw new RuntimeUnavailableException(
          "The runtime's stores are not queryable now (" + streams.state() + "); try again");
    }
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
  }

  @Override
  public void close() {
    streamsMetrics.close();
    streams.close(Duration.ofSeconds(30));
  }
}
