package io.pipeline.orchestrator.activities;

import io.pipeline.common.kafka.Consumers;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.OffsetTracker;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one activity's tasks to the polls waiting for them on this instance. A consumer in the
 * activity's worker group ({@code pipeline.worker.<activity>}, the group of the worker library, so
 * each task goes to one worker of either kind) reads the task topic with {@code read_committed},
 * only while polls wait: paused otherwise, it stays in the group and fetches nothing. Each task
 * goes to the oldest waiting poll. A partition is committed up to its oldest task not yet handed
 * out ({@link OffsetTracker}), so tasks read and not handed out when the instance dies, or when the
 * partition moves, are read again by the partition's next owner. The consumer's thread is the only
 * one that touches the consumer, the tasks read and the offsets; polls only join the queue.
 */
final class ActivityDispatcher {

  private static final Logger log = LoggerFactory.getLogger(ActivityDispatcher.class);

  /** How long one fetch waits: also how soon a new poll resumes a paused consumer. */
  private static final Duration FETCH_WAIT = Duration.ofMillis(50);

  /** Tasks read ahead of the polls, at most, per fetch. */
  private static final int MAX_FETCH = 10;

  final String activity;
  private final Topic<String, TaskRequest> topic;
  private final ActivityPollConfig config;
  private final ActivityPolls owner;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;

  /** Polls waiting, oldest first; completed ones leave the queue by themselves. */
  private final Deque<CompletableFuture<Optional<PolledTask>>> waiting =
      new ConcurrentLinkedDeque<>();

  /** Tasks read and not handed out yet, in the order read: the consumer's thread only. */
  private final Deque<ConsumerRecord<String, byte[]>> read = new ArrayDeque<>();

  /** Tasks read and not handed out, per partition: the consumer's thread only. */
  private final OffsetTracker offsets = new OffsetTracker();

  private volatile long lastPollNanos = System.nanoTime();
  private volatile boolean closed;

  ActivityDispatcher(
      KafkaSettings kafka,
      String activity,
      Topic<String, TaskRequest> topic,
      ActivityPollConfig config,
      ActivityPolls owner) {
    this.activity = activity;
    this.topic = topic;
    this.config = config;
    this.owner = owner;
    this.consumer =
        new KafkaConsumer<>(
            kafka.groupConsumerConfig(
                "pipeline.worker." + activity,
                Map.of(
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                    MAX_FETCH,
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    "activity-polls-" + activity)),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.thread = DaemonThreads.named("activity-polls-" + activity).newThread(this::run);
  }

  void start() {
    thread.start();
  }

  /** How many polls wait. */
  int waiting() {
    return waiting.size();
  }

  /**
   * A poll joins the queue: its future completes with a task, or empty after the poll timeout.
   * Called under the owner's lock, as is {@link ActivityPolls#retire}.
   */
  CompletableFuture<Optional<PolledTask>> enqueue() {
    CompletableFuture<Optional<PolledTask>> poll = new CompletableFuture<>();
    lastPollNanos = System.nanoTime();
    waiting.add(poll);
    poll.completeOnTimeout(Optional.empty(), config.pollTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((task, failure) -> waiting.remove(poll));
    return poll;
  }

  /** Whether no poll came for the idle timeout. */
  boolean idle() {
    return waiting.isEmpty() && System.nanoTime() - lastPollNanos > config.idleTimeout().toNanos();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()), new Rebalance());
      while (!closed && !(idle() && owner.retire(this))) {
        if (handOut()) {
          commit(false);
        }
        if (waiting.size() > read.size()) {
          consumer.resume(consumer.paused());
        } else {
          consumer.pause(consumer.assignment());
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(FETCH_WAIT)) {
          offsets.taken(partition(record), record.offset());
          read.add(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("The polls of activity {} stopped", activity, e);
    } finally {
      owner.forget(this);
      leave();
    }
  }

  /** Gives the tasks read to the oldest polls; says whether it gave any. */
  private boolean handOut() {
    boolean any = false;
    while (!read.isEmpty()) {
      ConsumerRecord<String, byte[]> record = read.peek();
      Optional<PolledTask> task = decode(record);
      if (task.isPresent()) {
        CompletableFuture<Optional<PolledTask>> poll = waiting.poll();
        if (poll == null) {
          return any;
        }
        if (!poll.complete(task)) {
          continue; // it timed out in between: the task goes to the next one
        }
      }
      read.poll();
      offsets.finished(partition(record), record.offset());
      any = true;
    }
    return any;
  }

  private Optional<PolledTask> decode(ConsumerRecord<String, byte[]> record) {
    try {
      TaskRequest request =
          topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
      return Optional.of(
          new PolledTask(request.getTaskToken(), request.getInput(), request.getExecutionArn()));
    } catch (RuntimeException e) {
      log.error(
          "Skipped a record at {}-{}@{} that is not a task request: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private void commit(boolean sync) {
    offsets.commit(
        consumer,
        sync,
        failure ->
            log.debug("A commit of activity {}'s polls failed: {}", activity, failure.toString()));
  }

  /** Commits what was handed out, leaves the group; tasks read and not handed out stay behind. */
  private void leave() {
    try {
      commit(true);
    } catch (WakeupException e) {
      commit(true);
    } catch (RuntimeException e) {
      log.warn("The last commit of activity {}'s polls failed: {}", activity, e.toString());
    }
    try {
      Consumers.close(consumer);
    } catch (RuntimeException e) {
      log.warn(
          "The consumer of activity {}'s polls did not close cleanly: {}", activity, e.toString());
    }
    waiting.forEach(poll -> poll.complete(Optional.empty()));
  }

  /** Stops, and waits a while for the consumer to leave the group. */
  void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  /** A partition that moves away takes its tasks not handed out with it, to its next owner. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commit(true);
      drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      drop(partitions);
    }

    private void drop(Collection<TopicPartition> partitions) {
      read.removeIf(record -> partitions.contains(partition(record)));
      offsets.forget(partitions);
    }
  }
}
