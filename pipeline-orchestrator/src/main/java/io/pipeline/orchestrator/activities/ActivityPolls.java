package io.pipeline.orchestrator.activities;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.topic.PipelineTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * GetActivityTask's long polls on this instance. An activity's polls are served by a {@link
 * ActivityDispatcher} started by its first poll and retired once no poll came for the idle timeout,
 * so an instance holds a share of an activity's tasks only while workers poll it. A waiting poll is
 * a future, not a thread.
 */
public final class ActivityPolls implements AutoCloseable {

  private final KafkaSettings kafka;
  private final PipelineTopics topics;
  private final ActivityPollConfig config;
  private final MeterRegistry meters;
  private final Map<String, ActivityDispatcher> dispatchers = new HashMap<>();
  private final Map<String, Gauge> gauges = new HashMap<>();
  private boolean closed;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param config the polls' settings
   * @param meters where the number of waiting polls per activity is shown
   */
  public ActivityPolls(
      KafkaSettings kafka, PipelineTopics topics, ActivityPollConfig config, MeterRegistry meters) {
    this.kafka = kafka;
    this.topics = topics;
    this.config = config;
    this.meters = meters;
  }

  /** Too many polls of one activity wait already. */
  public static final class TooManyPollsException extends RuntimeException {
    TooManyPollsException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Waits for a task of an activity, holding no thread.
   *
   * @param activity the activity's name
   * @return completes with the next task, or empty when none came within the poll timeout
   * @throws TooManyPollsException when the activity's polls on this instance are at their limit
   */
  public synchronized CompletableFuture<Optional<PolledTask>> poll(String activity) {
    if (closed) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    ActivityDispatcher dispatcher = dispatchers.get(activity);
    if (dispatcher == null) {
      dispatcher = new ActivityDispatcher(kafka, activity, topics.activity(activity), config, this);
      dispatchers.put(activity, dispatcher);
      ActivityDispatcher counted = dispatcher;
      gauges.put(
          activity,
          Gauge.builder("pipeline.orchestrator.activity.polls.waiting", counted::waiting)
              .description("GetActivityTask polls waiting for a task")
              .tag("activity", activity)
              .register(meters));
      dispatcher.start();
    }
    if (dispatcher.waiting() >= config.maxWaiting()) {
      throw new TooManyPollsException(
          "Activity Worker Limit Exceeded: "
              + config.maxWaiting()
              + " polls of activity '"
              + activity
              + "' wait on this instance already");
    }
    return dispatcher.enqueue();
  }

  /** Retires a dispatcher that no poll waits on; says whether it did. */
  synchronized boolean retire(ActivityDispatcher dispatcher) {
    if (dispatcher.waiting() > 0) {
      return false;
    }
    forget(dispatcher);
    return true;
  }

  /** A dispatcher stops: the next poll of its activity starts another. */
  synchronized void forget(ActivityDispatcher dispatcher) {
    if (dispatchers.remove(dispatcher.activity, dispatcher)) {
      Gauge gauge = gauges.remove(dispatcher.activity);
      if (gauge != null) {
        meters.remove(gauge);
      }
    }
  }

  /** Answers the waiting polls without a task and leaves the activities' groups. */
  @Override
  public void close() {
    List<ActivityDispatcher> running;
    synchronized (this) {
      closed = true;
      running = List.copyOf(dispatchers.values());
    }
    running.forEach(ActivityDispatcher::close);
  }
}
