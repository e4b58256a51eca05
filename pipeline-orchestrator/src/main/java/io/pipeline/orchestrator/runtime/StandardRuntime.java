package io.pipeline.orchestrator.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.StaticMembership;
import io.pipeline.common.kafka.StreamsProperties;
import io.pipeline.orchestrator.machines.StateMachineArn;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
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
 * <p>Instances of one orchestrator share the command topic's partitions; an execution lives in the
 * partition of its ARN. Queries name the partition they read, and read committed data only
 * (transactional stores): {@link #ownerOf} says which instance serves a partition, and a query for
 * a partition this instance does not serve (any more) fails with {@link
 * RuntimeUnavailableException}, so a caller never mistakes a moved execution for a missing one.
 */
public final class StandardRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StandardRuntime.class);

  /**
   * How long a read waits for an execution an open transaction wrote: well over the commit interval
   * ({@code ORCHESTRATOR_COMMIT_INTERVAL}, 15 ms by default).
   */
  private static final Duration IN_FLIGHT_PATIENCE = Duration.ofSeconds(1);

  private final Topology topology;
  private final Properties properties;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final KnownTopics knownTopics;
  private final RuntimeConfig config;
  private final HostInfo self;
  private final KafkaSettings kafka;
  private final String commandTopic;
  private volatile int commandPartitions;

  /**
   * @param config the runtime's settings
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param writerSchemas where Avro readers find writer schemas
   * @param registry the state machines
   * @param meters where the runtime and Kafka Streams report
   * @param self where other instances reach this one's internal endpoint
   * @param callable whether one of the orchestrator's integrations serves a Task resource; a task
   *     of a resource nothing serves fails at once
   */
  public StandardRuntime(
      RuntimeConfig config,
      KafkaSettings kafka,
      PipelineTopics topics,
      SchemaStore writerSchemas,
      StateMachineRegistry registry,
      MeterRegistry meters,
      HostInfo self,
      Predicate<String> callable) {
    this.config = config;
    this.self = self;
    this.kafka = kafka;
    this.commandTopic = topics.executionCommands().name();
    this.knownTopics = new KnownTopics(kafka);
    this.topology =
        RuntimeTopology.build(
            topics,
            writerSchemas,
            new Definitions(registry::revision, Definitions.VIEW_LAG),
            config.taskTokens(),
            config.retention(),
            config.timerInterval(),
            new RuntimeMetrics(meters),
            new TaskRoutes(
                callable,
                knownTopics,
                arn ->
                    StateMachineArn.parse(arn)
                        .flatMap(
                            parsed ->
                                registry.target(
                                    parsed, ThreadLocalRandom.current().nextInt(100)))));
    this.properties = properties(config, kafka, self);
    this.streams = new KafkaStreams(topology, properties);
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    if (config.localTokenKey()) {
      log.warn(
          "Task tokens are signed with the public local key; set ORCHESTRATOR_TASK_TOKEN_KEYS"
              + " wherever workers are not trusted");
    }
  }

  private static Properties properties(RuntimeConfig config, KafkaSettings kafka, HostInfo self) {
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
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
            (int) config.failoverTimeout().toMillis(),
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
            (int) Math.max(500, config.failoverTimeout().toMillis() / 5),
            StreamsConfig.APPLICATION_SERVER_CONFIG,
            self.host() + ":" + self.port(),
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
            config.commitInterval().toMillis()));
  }

  /** Starts processing. */
  public void start() {
    StaticMembership.prepare(topology, properties);
    streams.start();
    log.info("Standard runtime running as '{}'", config.applicationId());
  }

  /** The runtime's Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Where an execution's partition is served: this instance or another. */
  public record Owner(HostInfo host, int partition, boolean local) {}

  /**
   * Which instance serves an execution's partition.
   *
   * @throws RuntimeUnavailableException while no instance serves it (starting, rebalancing)
   */
  public Owner ownerOf(String executionArn) {
    KeyQueryMetadata metadata =
        streams.queryMetadataForKey(
            RuntimeTopology.EXECUTIONS_STORE, executionArn, new StringSerializer());
    if (metadata == null
        || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
        || metadata.activeHost().equals(HostInfo.unavailable())) {
      throw unavailable();
    }
    return new Owner(
        metadata.activeHost(), metadata.partition(), metadata.activeHost().equals(self));
  }

  /**
   * The partitions each instance serves, covering every partition.
   *
   * @throws RuntimeUnavailableException while some partition has no instance (rebalancing)
   */
  public Map<HostInfo, Set<Integer>> partitionsByHost() {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw unavailable();
    }
    Map<HostInfo, Set<Integer>> byHost = new HashMap<>();
    Set<Integer> served = new TreeSet<>();
    for (StreamsMetadata instance :
        streams.streamsMetadataForStore(RuntimeTopology.EXECUTIONS_STORE)) {
      for (TopicPartition partition : instance.topicPartitions()) {
        if (partition.topic().equals(commandTopic)) {
          byHost
              .computeIfAbsent(instance.hostInfo(), h -> new TreeSet<>())
              .add(partition.partition());
          served.add(partition.partition());
        }
      }
    }
    int count = commandPartitions();
    if (served.size() != count) {
      throw unavailable();
    }
    return byHost;
  }

  /** Whether {@code host} is this instance. */
  public boolean isSelf(HostInfo host) {
    return self.equals(host);
  }

  /**
   * An execution, read from the partition that holds it.
   *
   * @throws RuntimeUnavailableException when this instance does not serve the partition now
   */
  public Optional<ExecutionRecord> execution(String executionArn, int partition) {
    long deadline = System.nanoTime() + IN_FLIGHT_PATIENCE.toNanos();
    while (true) {
      Optional<ExecutionRecord> committed =
          query(
              () ->
                  Optional.ofNullable(
                      this.<String, ExecutionRecord>store(
                              RuntimeTopology.EXECUTIONS_STORE, partition)
                          .get(executionArn)));
      if (committed.isPresent()
          || System.nanoTime() > deadline
          || !inFlight(executionArn, partition)) {
        return committed;
      }
      // Its transaction committed (or is about to): the stores take its writes right after
      // Kafka does, so the start a client was just told about is not answered as missing.
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return committed;
      }
    }
  }

  /** Whether an open transaction of the runtime has written this execution. */
  private boolean inFlight(String executionArn, int partition) {
    StateQueryResult<ExecutionRecord> result =
        streams.query(
            StateQueryRequest.inStore(RuntimeTopology.EXECUTIONS_STORE)
                .withQuery(KeyQuery.<String, ExecutionRecord>withKey(executionArn))
                .withPartitions(Set.of(partition))
                .requireActive()
                .withIsolationLevel(IsolationLevel.READ_UNCOMMITTED));
    QueryResult<ExecutionRecord> answer = result.getPartitionResults().get(partition);
    if (answer == null) {
      throw unavailable();
    }
    if (answer.isFailure()) {
      switch (answer.getFailureReason()) {
        case NOT_ACTIVE, NOT_PRESENT, NOT_UP_TO_BOUND -> throw unavailable();
        default ->
            throw new IllegalStateException(
                "Reading the uncommitted state of "
                    + executionArn
                    + " failed: "
                    + answer.getFailureReason()
                    + " "
                    + answer.getFailureMessage());
      }
    }
    return answer.getResult() != null;
  }

  /**
   * A page of an execution's history, read from the partition that holds it.
   *
   * @param executionArn the execution
   * @param partition its partition
   * @param after the page starts after this event id (before it when reverse; 0 for the start)
   * @param max at most this many events
   * @param reverse newest first
   */
  public List<ExecutionHistoryEvent> history(
      String executionArn, int partition, long after, int max, boolean reverse) {
    return query(
        () ->
            HistoryBatches.page(
                store(RuntimeTopology.HISTORY_STORE, partition),
                executionArn,
                after,
                max,
                reverse));
  }

  /** Where a listing page starts: after this execution, in listing order. */
  public record ListingPosition(Instant startDate, String executionArn) {}

  /**
   * A page of a state machine's executions in the given partitions, newest first (ties in ARN
   * order).
   *
   * @param more whether the partitions hold further matching executions
   */
  public record Listing(List<ExecutionRecord> executions, boolean more) {}

  /**
   * Lists a state machine's executions in these partitions of this instance.
   *
   * @param stateMachineArn the state machine
   * @param status only executions with this status, or all
   * @param after the page starts after this position, or at the newest execution
   * @param max at most this many executions
   * @param partitions the partitions to read; each must be served here
   */
  public Listing listing(
      String stateMachineArn,
      Optional<String> status,
      Optional<ListingPosition> after,
      int max,
      Set<Integer> partitions) {
    return query(
        () -> {
          Bytes from =
              after
                  .map(a -> StoreKeys.listing(stateMachineArn, a.startDate(), a.executionArn()))
                  .orElse(StoreKeys.listingStart(stateMachineArn));
          Bytes to = StoreKeys.listingEnd(stateMachineArn);
          List<Map.Entry<Bytes, ExecutionRecord>> found = new ArrayList<>();
          boolean more = false;
          for (int partition : partitions) {
            ReadOnlyKeyValueStore<Bytes, byte[]> listings =
                store(RuntimeTopology.LISTINGS_STORE, partition);
            ReadOnlyKeyValueStore<String, ExecutionRecord> executions =
                store(RuntimeTopology.EXECUTIONS_STORE, partition);
            int taken = 0;
            try (KeyValueIterator<Bytes, byte[]> keys = listings.range(from, to)) {
              while (keys.hasNext()) {
                Bytes key = keys.next().key;
                if (key.equals(from)) {
                  continue;
                }
                ExecutionRecord execution =
                    executions.get(StoreKeys.listedExecution(key, stateMachineArn));
                if (execution == null
                    || status.isPresent() && !status.get().equals(execution.getStatus())) {
                  continue;
                }
                if (taken == max) {
                  more = true;
                  break;
                }
                found.add(Map.entry(key, execution));
                taken++;
              }
            }
          }
          found.sort(Map.Entry.comparingByKey());
          if (found.size() > max) {
            more = true;
          }
          return new Listing(found.stream().limit(max).map(Map.Entry::getValue).toList(), more);
        });
  }

  /**
   * Runs a query on the stores. A store can become unqueryable at any moment of a query (a
   * rebalance, a restore): that is {@link RuntimeUnavailableException}, which callers retry.
   */
  <T> T query(Supplier<T> query) {
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw unavailable();
    }
  }

  private RuntimeUnavailableException unavailable() {
    return new RuntimeUnavailableException(
        "The runtime's partitions are moving between instances or not served yet ("
            + streams.state()
            + "); try again");
  }

  <K, V> ReadOnlyKeyValueStore<K, V> store(String name, int partition) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
            .withPartition(partition));
  }

  /** The command topic's partition count, read once: it does not change under a running runtime. */
  private int commandPartitions() {
    int count = commandPartitions;
    if (count == 0) {
      try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
        count =
            admin
                .describeTopics(List.of(commandTopic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(commandTopic)
                .partitions()
                .size();
      } catch (ExecutionException | TimeoutException e) {
        throw unavailable();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable();
      }
      commandPartitions = count;
    }
    return count;
  }

  @Override
  public void close() {
    streamsMetrics.close();
    streams.close(Duration.ofSeconds(30));
    knownTopics.close();
  }
}
