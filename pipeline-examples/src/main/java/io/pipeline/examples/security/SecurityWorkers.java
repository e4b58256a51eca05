package io.pipeline.examples.security;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.WorkerStats;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.examples.kafka.JsonTopics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security example's services: the policy service, an {@link ActivityWorker} for each of its
 * two activities. Starting creates the example's topics (policies, approvals, escalations,
 * incidents), which the workflow's Kafka produce needs. Closing stops them.
 */
public final class SecurityWorkers implements AutoCloseable {

  private final Parts parts;
  private final PolicyService policies;
  private final ActivityWorker apply;
  private final ActivityWorker restore;

  private SecurityWorkers(
      Parts parts, PolicyService policies, ActivityWorker apply, ActivityWorker restore) {
    this.parts = parts;
    this.policies = policies;
    this.apply = apply;
    this.restore = restore;
  }

  /** Creates the example's topics if they are missing and starts the policy service. */
  public static SecurityWorkers start(KafkaSettings kafka) {
    JsonTopics.ensure(kafka, IncidentResponse.topics());
    Parts parts = new Parts("Security workers");
    try {
      PolicyService policies = parts.track(PolicyService.open(kafka));
      ActivityWorker apply =
          parts.track(
              ActivityWorker.builder(kafka, IncidentResponse.APPLY_POLICY)
                  .workerName("policy-service")
                  .start(policies::apply));
      ActivityWorker restore =
          parts.track(
              ActivityWorker.builder(kafka, IncidentResponse.RESTORE_POLICY)
                  .workerName("policy-service")
                  .start(policies::restore));
      return new SecurityWorkers(parts, policies, apply, restore);
    } catch (RuntimeException e) {
      parts.close();
      throw e;
    }
  }

  /** The policy service, e.g. to look up a principal's current policy. */
  public PolicyService policies() {
    return policies;
  }

  /** What each activity's worker has done so far, by activity name. */
  public Map<String, WorkerStats> stats() {
    Map<String, WorkerStats> stats = new LinkedHashMap<>();
    stats.put(IncidentResponse.APPLY_POLICY, apply.stats());
    stats.put(IncidentResponse.RESTORE_POLICY, restore.stats());
    return stats;
  }

  /** Stops the workers, then the policy service. */
  @Override
  public void close() {
    parts.close();
  }
}
