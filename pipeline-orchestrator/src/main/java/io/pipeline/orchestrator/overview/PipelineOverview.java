package io.pipeline.orchestrator.overview;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline at a glance: Kafka's offsets sampled on an interval ({@link OffsetSampler}), the
 * recent samples kept, and from them each topic's records and rate over time, the dead letters
 * (topics whose name says {@code dead-letter}) and each consumer group's lag over time. Every
 * instance samples on its own; what it shows is Kafka's, so they agree.
 */
public final class PipelineOverview implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PipelineOverview.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Admin admin;
  private final OffsetSampler sampler;
  private final Duration interval;
  private final int kept;
  private final Deque<OffsetSample> samples = new ArrayDeque<>();
  private final ScheduledExecutorService schedule;
  private Optional<String> lastError = Optional.empty();

  /**
   * Starts sampling.
   *
   * @param admin the client that reads the offsets; closed with this
   * @param interval how often it samples
   * @param window how long samples are kept: the span of the rates shown
   * @param clock the time samples are taken at
   */
  public PipelineOverview(Admin admin, Duration interval, Duration window, Clock clock) {
    this.admin = admin;
    this.sampler = new OffsetSampler(admin, clock, interval.multipliedBy(2));
    this.interval = interval;
    this.kept = (int) Math.max(2, window.toMillis() / interval.toMillis() + 1);
    this.schedule =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "pipeline-overview");
              thread.setDaemon(true);
              return thread;
            });
    schedule.scheduleWithFixedDelay(this::sampleNow, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes a sample now; a failure is kept to be shown, and the earlier samples stay. */
  void sampleNow() {
    try {
      OffsetSample sample = sampler.take();
      synchronized (this) {
        samples.addLast(sample);
        while (samples.size() > kept) {
          samples.removeFirst();
        }
        lastError = Optional.empty();
      }
    } catch (ExecutionException e) {
      failed("Kafka refused a request: " + e.getCause());
    } catch (TimeoutException e) {
      failed("Kafka did not answer within " + interval.multipliedBy(2).toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failed(e.toString());
      log.warn("Sampling the pipeline's offsets failed", e);
    }
  }

  private synchronized void failed(String error) {
    if (lastError.isEmpty()) {
      log.warn("The pipeline overview cannot read Kafka's offsets: {}", error);
    }
    lastError = Optional.of(error);
  }

  /**
   * The overview as JSON: {@code sampledAt} (epoch seconds, absent before the first sample), {@code
   * intervalSeconds}, {@code error} (when the last sample failed), {@code topics} (name,
   * partitions, records, deadLetters, rates: {@code [{at, perSecond}]}) and {@code groups}
   * (groupId, state, lag, lagByTopic, lags: {@code [{at, lag}]}).
   */
  public synchronized ObjectNode toJson() {
    ObjectNode json = NODES.objectNode();
    json.put("intervalSeconds", interval.toMillis() / 1000.0);
    lastError.ifPresent(error -> json.put("error", error));
    ArrayNode topics = json.putArray("topics");
    ArrayNode groups = json.putArray("groups");
    if (samples.isEmpty()) {
      return json;
    }
    List<OffsetSample> all = new ArrayList<>(samples);
    OffsetSample last = all.get(all.size() - 1);
    json.put("sampledAt", seconds(last.at()));
    last.topics()
        .forEach(
            (name, offsets) -> {
              ObjectNode topic = topics.addObject();
              topic.put("name", name);
              topic.put("partitions", offsets.partitions());
              topic.put("records", offsets.records());
              topic.put("deadLetters", name.contains("dead-letter"));
              ArrayNode rates = topic.putArray("rates");
              for (int i = 1; i < all.size(); i++) {
                OffsetSample.TopicOffsets before = all.get(i - 1).topics().get(name);
                OffsetSample.TopicOffsets after = all.get(i).topics().get(name);
                if (before != null && after != null) {
                  double seconds =
                      Duration.between(all.get(i - 1).at(), all.get(i).at()).toMillis() / 1000.0;
                  rates
                      .addObject()
                      .put("at", seconds(all.get(i).at()))
                      .put(
                          "perSecond",
                          seconds > 0 ? Math.max(0, after.end() - before.end()) / seconds : 0);
                }
              }
            });
    for (OffsetSample.GroupLag lag : last.groups()) {
      ObjectNode group = groups.addObject();
      group.put("groupId", lag.groupId());
      group.put("state", lag.state());
      group.put("lag", lag.lag());
      ObjectNode byTopic = group.putObject("lagByTopic");
      lag.lagByTopic().forEach(byTopic::put);
      ArrayNode lags = group.putArray("lags");
      for (OffsetSample sample : all) {
        sample.groups().stream()
            .filter(g -> g.groupId().equals(lag.groupId()))
            .findFirst()
            .ifPresent(g -> lags.addObject().put("at", seconds(sample.at())).put("lag", g.lag()));
      }
    }
    return json;
  }

  private static double seconds(Instant at) {
    return at.toEpochMilli() / 1000.0;
  }

  /** The topics of the last sample, by name: for tests and logs. */
  synchronized Map<String, OffsetSample.TopicOffsets> lastTopics() {
    return samples.isEmpty() ? Map.of() : samples.getLast().topics();
  }

  @Override
  public void close() {
    schedule.shutdownNow();
    try {
      schedule.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(5));
  }
}
