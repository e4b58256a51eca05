package io.pipeline.client.worker;

import io.pipeline.common.kafka.Consumers;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.OffsetTracker;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task requests read from a topic in a consumer group ({@code read_committed}) and worked as they
 * come: a request is handed to the work while fewer than {@code maxInFlight} are unfinished, and
 * each partition is committed up to its oldest unfinished request ({@link OffsetTracker}), so a
 * slow task holds back a commit, never the work on the others. A request whose work fails (its
 * result never reached Kafka) stays uncommitted and is read again after a restart or a rebalance:
 * delivery is at least once. The activity worker and the orchestrator's integration runner both
 * read their tasks so.
 */
public final class TaskStream implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TaskStream.class);

  /** How long a closing stream waits for the tasks in flight. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Topic<String, TaskRequest> topic;
  private final Function<TaskRequest, CompletableFuture<?>> work;
  private final KafkaConsumer<String, byte[]> consumer;
  private final int maxInFlight;
  private final Thread poller;
  private final AtomicLong received = new AtomicLong();
  private volatile boolean closed;

  /** Offsets of requests taken and not yet finished: only the poller's thread touches it. */
  private final OffsetTracker offsets = new OffsetTracker();

  /** Requests whose work completed, for the poller to mark finished. */
  private final Queue<ConsumerRecord<String, byte[]>> finished = new ConcurrentLinkedQueue<>();

  /**
   * Starts reading.
   *
   * @param kafka how to reach Kafka
   * @param topic the task requests
   * @param groupId the consumer group: streams of one group share the requests
   * @param maxInFlight how many requests may be unfinished at once
   * @param name names the poller's thread and the log lines
   * @param work works one request; completes once its result is in Kafka
   */
  public TaskStream(
      KafkaSettings kafka,
      Topic<String, TaskRequest> topic,
      String groupId,
      int maxInFlight,
      String name,
      Function<TaskRequest, CompletableFuture<?>> work) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    this.name = Objects.requireNonNull(name, "name");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.work = Objects.requireNonNull(work, "work");
    this.maxInFlight = maxInFlight;
    this.consumer =
        new KafkaConsumer<>(
            kafka.groupConsumerConfig(
                groupId, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxInFlight)),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.poller = DaemonThreads.named("tasks-" + name).newThread(this::poll);
    poller.start();
  }

  /** How many requests it has read. */
  public long received() {
    return received.get();
  }

  private void poll() {
    try {
      consumer.subscribe(
          List.of(topic.name()),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              // Their unfinished requests are worked again by the partitions' next owner.
              markFinished();
              commit(true);
              offsets.forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
              offsets.forget(partitions);
            }
          });
      while (!closed) {
        if (markFinished()) {
          commit(false);
        }
        if (offsets.inFlight() >= maxInFlight) {
          consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
          consumer.resume(consumer.paused());
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        records.forEach(this::take);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("The task stream {} stopped", name, e);
    } finally {
      drain();
      Consumers.close(consumer);
    }
  }

  private void take(ConsumerRecord<String, byte[]> record) {
    received.incrementAndGet();
    offsets.taken(new TopicPartition(record.topic(), record.partition()), record.offset());
    TaskRequest request;
    try {
      request = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    } catch (RuntimeException e) {
      log.error(
          "Skipped a record at {}-{}@{} that is not a task request: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      finished.add(record);
      return;
    }
    CompletableFuture<?> done;
    try {
      done = work.apply(request);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    done.whenComplete(
        (written, failure) -> {
          if (failure == null) {
            finished.add(record);
          } else {
            // Not finished: its offset holds, and the request comes again after a restart or a
            // rebalance, here or elsewhere.
            log.warn(
                "The result of a task of {} was not written: {}",
                request.getExecutionArn(),
                failure.toString());
          }
        });
  }

  /** Marks finished the requests whose work completed; says whether there were any. */
  private boolean markFinished() {
    boolean any = false;
    ConsumerRecord<String, byte[]> done;
    while ((done = finished.poll()) != null) {
      offsets.finished(new TopicPartition(done.topic(), done.partition()), done.offset());
      any = true;
    }
    return any;
  }

  private void commit(boolean sync) {
    offsets.commit(
        consumer,
        sync,
        failure -> log.debug("A commit of task stream {} failed: {}", name, failure.toString()));
  }

  /** On close: waits a while for the requests in flight, then commits what finished. */
  private void drain() {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (true) {
      markFinished();
      if (offsets.inFlight() == 0 || System.nanoTime() > deadline) {
        break;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      commit(true);
    } catch (RuntimeException e) {
      log.warn("The last commit of task stream {} failed: {}", name, e.toString());
    }
  }

  /** Stops reading; waits up to a minute for the requests in flight and commits them. */
  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      poller.join(DRAIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
