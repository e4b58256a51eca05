package io.pipeline.client.worker;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workers of one service, one per activity, with what they use: started together, asked for
 * their figures together, and closed together, workers first, then the parts they use, in reverse
 * order of start.
 *
 * <pre>{@code
 * WorkerGroup group = new WorkerGroup(kafka, "Policy service");
 * PolicyService policies = group.track(PolicyService.open(kafka));
 * group.start("security-apply-policy", "policy-service", 4, policies::apply);
 * }</pre>
 */
public final class WorkerGroup implements AutoCloseable {

  private final KafkaSettings kafka;
  private final Parts parts;
  private final Map<String, ActivityWorker> workers = new LinkedHashMap<>();

  /**
   * @param kafka how the workers reach Kafka
   * @param name the service's name, for the log when a part does not close
   */
  public WorkerGroup(KafkaSettings kafka, String name) {
    this.kafka = kafka;
    this.parts = new Parts(name);
  }

  /** Records a part the workers use, closed after them. */
  public <T extends AutoCloseable> T track(T part) {
    return parts.track(part);
  }

  /** Starts a worker for an activity, named after this host and process. */
  public ActivityWorker start(String activity, int concurrency, TaskHandler handler) {
    return start(
        ActivityWorker.builder(kafka, activity).concurrency(concurrency), activity, handler);
  }

  /**
   * Starts a worker for an activity.
   *
   * @param activity the activity's name
   * @param workerName the name the worker gives (GetActivityTask's {@code workerName})
   * @param concurrency tasks it works on at once
   * @param handler what it does with each task
   */
  public ActivityWorker start(
      String activity, String workerName, int concurrency, TaskHandler handler) {
    return start(
        ActivityWorker.builder(kafka, activity).workerName(workerName).concurrency(concurrency),
        activity,
        handler);
  }

  private ActivityWorker start(
      ActivityWorker.Builder builder, String activity, TaskHandler handler) {
    ActivityWorker worker = parts.track(builder.start(handler));
    workers.put(activity, worker);
    return worker;
  }

  /** What each activity's worker has done so far, by activity name. */
  public Map<String, WorkerStats> stats() {
    Map<String, WorkerStats> stats = new LinkedHashMap<>();
    workers.forEach((activity, worker) -> stats.put(activity, worker.stats()));
    return Collections.unmodifiableMap(stats);
  }

  @Override
  public void close() {
    parts.close();
  }
}
