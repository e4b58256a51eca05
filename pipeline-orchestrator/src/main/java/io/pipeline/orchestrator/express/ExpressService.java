package io.pipeline.orchestrator.express;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.OffsetTracker;
import io.pipeline.common.kafka.Sends;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.orchestrator.machines.ExecutionTarget;
import io.pipeline.orchestrator.machines.StateMachineRegistry.LogLevel;
import io.pipeline.orchestrator.runtime.Definitions;
import io.pipeline.schemas.orchestrator.ExpressStart;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Express workflows: executions that run to completion in memory ({@link ExpressRunner}), nothing
 * stored. A synchronous start runs on this instance and answers with the result (at most once, as
 * in Step Functions). An asynchronous start is an {@link ExpressStart} record on {@value
 * PipelineTopics#EXPRESS_STARTS}, which the instances of one orchestrator share in a consumer
 * group: each runs its records at once, out of order, and commits a partition's offset only up to
 * its oldest unfinished execution ({@link OffsetTracker}); an instance that dies leaves its
 * unfinished executions to be run again under the same ARN (at least once).
 */
public final class ExpressService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExpressService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** At most this many asynchronous executions run at once on an instance. */
  static final int MAX_IN_FLIGHT = 10_000;

  /** How often an asynchronous execution that could not end is tried, and how far apart. */
  private static final int RUN_ATTEMPTS = 3;

  private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

  private final Topic<String, ExpressStart> starts;
  private final Definitions definitions;
  private final ExpressRunner runner;
  private final ScheduledExecutorService scheduler;
  private final KafkaProducer<String, ExpressStart> producer;

  /** Writes the log topic's JSON text as the UTF-8 bytes {@link ExpressLog} makes. */
  private final KafkaProducer<String, byte[]> logProducer;

  private final Topic<String, String> logs;
  private final ConsumerLoop<String, byte[]> consumer;
  private final OffsetTracker offsets = new OffsetTracker();
  private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> finished =
      new ConcurrentLinkedQueue<>();
  private final MeterRegistry meters;
  private final Clock clock;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param groupId the consumer group the instances of one orchestrator share
   * @param definitions the state machine revisions
   * @param meters where executions are counted
   * @param clock the wall clock
   */
  public ExpressService(
      KafkaSettings kafka,
      PipelineTopics topics,
      String groupId,
      Definitions definitions,
      MeterRegistry meters,
      Clock clock) {
    this.starts = topics.expressStarts();
    this.definitions = definitions;
    this.meters = meters;
    this.clock = clock;
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(threads, DaemonThreads.named("express"));
    // An ended execution's timers are cancelled; removed, they do not keep it for five minutes.
    pool.setRemoveOnCancelPolicy(true);
    this.scheduler = pool;
    this.runner = new ExpressRunner(scheduler, clock);
    this.producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig("express-starts", Map.of()),
            new StringSerializer(),
            starts.valueSerde().serializer());
    this.logs = topics.expressLogs();
    this.logProducer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig("express-logs", Map.of()),
            new StringSerializer(),
            new ByteArraySerializer());
    KafkaConsumer<String, byte[]> kafkaConsumer =
        new KafkaConsumer<>(
            kafka.groupConsumerConfig(groupId, Map.of()),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    kafkaConsumer.subscribe(
        List.of(starts.name()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainFinished();
            var committable = offsets.committable();
            committable.keySet().retainAll(partitions);
            if (!committable.isEmpty()) {
              kafkaConsumer.commitSync(committable);
            }
            offsets.forget(partitions); // their unfinished executions run again elsewhere
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsLost(Collection<TopicPartition> partitions) {
            offsets.forget(partitions);
          }
        });
    this.consumer =
        ConsumerLoop.start(
            "express-starts",
            kafkaConsumer,
            Duration.ofMillis(100),
            records -> poll(kafkaConsumer, records));
  }

  /**
   * Runs an execution here and answers with its result (StartSyncExecution).
   *
   * @param target the revision it runs (the state machine's current one, or a version's)
   * @param name the execution's name
   * @param input its input, JSON text
   */
  public CompletableFuture<ExpressRunner.Result> startSync(
      ExecutionTarget target, String name, String input) {
    return run(start(target, name, input), true);
  }

  /**
   * Starts an execution on whichever instance takes its record (StartExecution of an Express
   * machine; not idempotent, as in Step Functions: each start is a new execution).
   *
   * @param target the revision it runs (the state machine's current one, or a version's)
   * @return the start record, once Kafka has it
   */
  public CompletableFuture<ExpressStart> startAsync(
      ExecutionTarget target, String name, String input) {
    ExpressStart start = start(target, name, input);
    return Sends.send(producer, new ProducerRecord<>(starts.name(), start.getExecutionArn(), start))
        .thenApply(written -> start);
  }

  private ExpressStart start(ExecutionTarget target, String name, String input) {
    StateMachineRecord machine = target.revision();
    return new ExpressStart(
        expressArn(machine, name),
        machine.getArn(),
        machine.getRevisionId(),
        name,
        input,
        clock.instant(),
        target.versionArn().orElse(null),
        target.aliasArn().orElse(null));
  }

  private CompletableFuture<ExpressRunner.Result> run(ExpressStart start, boolean synchronous) {
    Definitions.Pinned pinned =
        definitions
            .revision(start.getStateMachineArn(), start.getRevisionId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no state machine revision "
                            + start.getStateMachineArn()
                            + ":"
                            + start.getRevisionId()));
    JsonNode input;
    try {
      input = JSON.readTree(start.getInput());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the execution input is not JSON", e);
    }
    StateMachineRecord machine = pinned.record();
    ExecutionIdentity identity =
        new ExecutionIdentity(
            start.getExecutionArn(),
            start.getName(),
            machine.getArn(),
            machine.getName(),
            machine.getRoleArn(),
            synchronous);
    LogLevel level = LogLevel.valueOf(machine.getLoggingLevel());
    boolean includeData = machine.getIncludeExecutionData();
    // An execution counts as done once Kafka has its log records: a crash before re-runs it.
    LogWrites logged = new LogWrites();
    return runner
        .run(
            pinned.machine(),
            identity,
            input,
            events ->
                ExpressLog.records(events, identity.executionArn(), level, includeData)
                    .forEach(
                        entries ->
                            logProducer.send(
                                new ProducerRecord<>(logs.name(), identity.executionArn(), entries),
                                logged.recordSent())))
        .thenCompose(result -> logged.allWritten().thenApply(written -> result))
        .whenComplete(
            (result, failure) -> {
              Counter.builder("pipeline.orchestrator.express.executions")
                  .description("Express executions ended, by status")
                  .tag("state_machine", machine.getArn())
                  .tag(
                      "outcome",
                      result == null ? "error" : result.status().name().toLowerCase(Locale.ROOT))
                  .register(meters)
                  .increment();
              if (result != null) {
                Counter.builder("pipeline.orchestrator.express.transitions")
                    .description("States Express executions entered")
                    .tag("state_machine", machine.getArn())
                    .register(meters)
                    .increment(result.transitions());
              }
            });
  }

  private void poll(
      KafkaConsumer<String, byte[]> kafkaConsumer, ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      offsets.taken(partition, record.offset());
      ExpressStart start;
      try {
        start = starts.valueSerde().deserializer().deserialize(starts.name(), record.value());
      } catch (RuntimeException e) {
        log.error(
            "Skipped Express start {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
        finished.add(record);
        continue;
      }
      runAsync(start, record, 1);
    }
    drainFinished();
    commit(kafkaConsumer);
    if (offsets.inFlight() >= MAX_IN_FLIGHT) {
      kafkaConsumer.pause(kafkaConsumer.assignment());
    } else if (!kafkaConsumer.paused().isEmpty()) {
      kafkaConsumer.resume(kafkaConsumer.paused());
    }
  }

  /**
   * Runs an asynchronous start; it counts as finished once it ended and Kafka has its log. A run
   * that could not end so (its log not written, a revision not found yet) is tried again a few
   * times, under the same ARN, then given up with an error in the log.
   */
  private void runAsync(ExpressStart start, ConsumerRecord<String, byte[]> record, int attempt) {
    CompletableFuture<ExpressRunner.Result> run;
    try {
      run = run(start, false);
    } catch (RuntimeException e) {
      run = CompletableFuture.failedFuture(e);
    }
    run.whenComplete(
        (result, failure) -> {
          if (failure == null || attempt >= RUN_ATTEMPTS) {
            if (failure != null) {
              log.error(
                  "Express execution {} given up after {} attempts",
                  start.getExecutionArn(),
                  attempt,
                  failure);
            }
            finished.add(record);
          } else {
            log.warn(
                "Express execution {} runs again (attempt {} failed: {})",
                start.getExecutionArn(),
                attempt,
                failure.toString());
            scheduler.schedule(
                () -> runAsync(start, record, attempt + 1),
                RETRY_DELAY.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
          }
        });
  }

  private void drainFinished() {
    for (ConsumerRecord<String, byte[]> done; (done = finished.poll()) != null; ) {
      offsets.finished(new TopicPartition(done.topic(), done.partition()), done.offset());
    }
  }

  private void commit(KafkaConsumer<String, byte[]> kafkaConsumer) {
    var committable = offsets.committable();
    committable.keySet().retainAll(kafkaConsumer.assignment());
    if (!committable.isEmpty()) {
      kafkaConsumer.commitAsync(
          committable,
          (committed, failure) -> {
            if (failure != null) {
              log.warn("Express start offsets not committed: {}", failure.toString());
            }
          });
    }
  }

  private String expressArn(StateMachineRecord machine, String name) {
    return machine.getArn().replaceFirst(":stateMachine:", ":express:")
        + ":"
        + name
        + ":"
        + UUID.randomUUID();
  }

  @Override
  public void close() {
    consumer.close();
    producer.close(Duration.ofSeconds(5));
    logProducer.close(Duration.ofSeconds(5));
    scheduler.shutdownNow();
  }
}
