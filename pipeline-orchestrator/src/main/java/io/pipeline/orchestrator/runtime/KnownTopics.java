package io.pipeline.orchestrator.runtime;

import io.pipeline.common.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a topic exists, from the cluster's topic list, read again on a miss at most once every
 * few seconds. A Task's Kafka produce to a missing topic fails the task instead of the transaction
 * (a send to a missing topic would block the stream thread and then fail all of its work).
 */
final class KnownTopics implements Predicate<String>, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KnownTopics.class);
  private static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(5);
  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private volatile Set<String> names = Set.of();
  private volatile long listedAt = Long.MIN_VALUE / 2;

  KnownTopics(KafkaSettings kafka) {
    this.admin = Admin.create(kafka.clientConfig(Map.of()));
  }

  @Override
  public boolean test(String topic) {
    if (names.contains(topic)) {
      return true;
    }
    long now = System.nanoTime();
    if (now - listedAt < REFRESH_AT_MOST_EVERY.toNanos()) {
      return false;
    }
    synchronized (this) {
      if (now - listedAt >= REFRESH_AT_MOST_EVERY.toNanos()) {
        listedAt = now;
        try {
          names =
              Set.copyOf(
                  admin
                      .listTopics(new ListTopicsOptions().listInternal(false))
                      .names()
                      .get(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
          log.warn("Could not list the topics: {}", e.toString());
        }
      }
    }
    return names.contains(topic);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
