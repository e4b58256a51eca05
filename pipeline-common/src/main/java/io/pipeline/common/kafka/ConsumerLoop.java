package io.pipeline.common.kafka;

import io.pipeline.common.lifecycle.DaemonThreads;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer polled by a thread of its own until closed, each batch handed to a handler on that
 * thread (the only one that touches the consumer). Closing wakes the poll, waits for the thread and
 * closes the consumer.
 */
public final class ConsumerLoop<K, V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final KafkaConsumer<K, V> consumer;
  private final Duration pollTimeout;
  private final Consumer<ConsumerRecords<K, V>> handler;
  private final Thread thread;
  private volatile boolean closed;

  private ConsumerLoop(
      String name,
      KafkaConsumer<K, V> consumer,
      Duration pollTimeout,
      Consumer<ConsumerRecords<K, V>> handler) {
    this.name = name;
    this.consumer = consumer;
    this.pollTimeout = pollTimeout;
    this.handler = handler;
    this.thread = DaemonThreads.named(name).newThread(this::run);
  }

  /**
   * Starts polling.
   *
   * @param name the thread's name, also in the log if the loop stops on an error
   * @param consumer the consumer, subscribed or assigned; the loop owns it from now on
   * @param pollTimeout how long one poll waits
   * @param handler what to do with each batch (an empty one too), on the loop's thread
   */
  public static <K, V> ConsumerLoop<K, V> start(
      String name,
      KafkaConsumer<K, V> consumer,
      Duration pollTimeout,
      Consumer<ConsumerRecords<K, V>> handler) {
    ConsumerLoop<K, V> loop = new ConsumerLoop<>(name, consumer, pollTimeout, handler);
    loop.thread.start();
    return loop;
  }

  /** Whether the loop is closing or closed. */
  public boolean isClosed() {
    return closed;
  }

  private void run() {
    try {
      while (!closed) {
        handler.accept(consumer.poll(pollTimeout));
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("{} stopped reading", name, e);
    } finally {
      Consumers.close(consumer);
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(JOIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
