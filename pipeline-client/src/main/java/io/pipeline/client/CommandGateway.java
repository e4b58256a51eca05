package io.pipeline.client;

import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.Sends;
import io.pipeline.schemas.orchestrator.CommandReply;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands to executions and waits for the runtime's verdict: each command carries a fresh
 * request id, and the verdict comes back on {@value PipelineTopics#COMMAND_REPLIES}, which this
 * gateway reads from its end with {@code read_committed} (a verdict is visible once the transaction
 * that applied the command committed). No thread waits: callers get a future.
 */
public final class CommandGateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CommandGateway.class);

  /** How long a caller waits for a verdict before it is told the runtime did not answer. */
  static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(30);

  private final Topic<String, ExecutionCommand> commands;
  private final Topic<String, CommandReply> replies;
  private final Clock clock;
  private final KafkaProducer<String, ExecutionCommand> producer;
  private final Map<String, CompletableFuture<Verdict>> waiting = new ConcurrentHashMap<>();
  private final ConsumerLoop<String, byte[]> reader;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param clock the time commands are issued at
   */
  public CommandGateway(KafkaSettings kafka, PipelineTopics topics, Clock clock) {
    this.commands = topics.executionCommands();
    this.replies = topics.commandReplies();
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            // Task results may be large (a Distributed Map's items): the command topic takes
            // records up to MAX_COMMAND_BYTES, compressed on the way.
            kafka.reliableProducerConfig(
                "orchestrator-commands",
                Map.of(
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    PipelineTopics.MAX_COMMAND_BYTES,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG,
                    "lz4")),
            new StringSerializer(),
            commands.valueSerde().serializer());
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(
                Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "latest")),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(replies.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the end now: a verdict for a command sent after this returns is past it.
    partitions.forEach(consumer::position);
    this.reader =
        ConsumerLoop.start("command-replies", consumer, Duration.ofMillis(500), this::verdicts);
  }

  /**
   * A command on its way.
   *
   * @param written completes when Kafka has the command (it will be applied, or refused, even if
   *     the runtime is down now)
   * @param verdict completes with the runtime's verdict; fails with a {@link TimeoutException} when
   *     none came in time
   */
  public record Sent(CompletableFuture<Void> written, CompletableFuture<Verdict> verdict) {}

  /**
   * Sends a command and waits for its verdict.
   *
   * @param executionArn the execution it is for (its key)
   * @param body the command: a StartExecution, StopExecution, TaskSucceeded...
   * @return the verdict; fails with a {@link TimeoutException} when none came in time
   */
  public CompletableFuture<Verdict> send(String executionArn, Object body) {
    return submit(executionArn, body).verdict();
  }

  /**
   * Sends a command; see {@link Sent} for what the caller can wait for.
   *
   * @param executionArn the execution it is for (its key)
   * @param body the command: a StartExecution, StopExecution, TaskSucceeded...
   */
  public Sent submit(String executionArn, Object body) {
    String requestId = UUID.randomUUID().toString();
    CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    waiting.put(requestId, verdict);
    verdict
        .orTimeout(VERDICT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((v, e) -> waiting.remove(requestId));
    ExecutionCommand command = new ExecutionCommand(executionArn, requestId, clock.instant(), body);
    CompletableFuture<Void> written =
        Sends.send(producer, new ProducerRecord<>(commands.name(), executionArn, command))
            .whenComplete(
                (metadata, failure) -> {
                  if (failure != null) {
                    verdict.completeExceptionally(failure);
                  }
                })
            .thenApply(metadata -> null);
    return new Sent(written, verdict);
  }

  private void verdicts(ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      CompletableFuture<Verdict> verdict = waiting.get(record.key());
      if (verdict == null) {
        continue; // another instance's request, or one that gave up
      }
      CommandReply reply =
          replies.valueSerde().deserializer().deserialize(replies.name(), record.value());
      verdict.complete(new Verdict(reply.getError(), reply.getMessage(), reply.getStartDate()));
    }
  }

  @Override
  public void close() {
    reader.close();
    producer.close(Duration.ofSeconds(5));
    waiting.values().forEach(v -> v.completeExceptionally(new IllegalStateException("closed")));
  }
}
