package io.pipeline.examples.security;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.WorkerGroup;
import io.pipeline.client.worker.WorkerStats;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.examples.kafka.JsonTopics;
import java.util.Map;

/**
 * The security example's services: the policy service, an {@link ActivityWorker} for each of its
 * two activities. Starting creates the example's topics (policies, approvals, escalations,
 * incidents), which the workflow's Kafka produce needs. Closing stops them.
 */
public final class SecurityWorkers implements AutoCloseable {

  /** The default concurrency of each of the policy service's workers. */
  private static final int CONCURRENCY = 4;

  private final WorkerGroup workers;
  private final PolicyService policies;

  private SecurityWorkers(WorkerGroup workers, PolicyService policies) {
    this.workers = workers;
    this.policies = policies;
  }

  /** Creates the example's topics if they are missing and starts the policy service. */
  public static SecurityWorkers start(KafkaSettings kafka) {
    JsonTopics.ensure(kafka, IncidentResponse.topics());
    WorkerGroup workers = new WorkerGroup(kafka, "Security workers");
    try {
      PolicyService policies = workers.track(PolicyService.open(kafka));
      workers.start(IncidentResponse.APPLY_POLICY, "policy-service", CONCURRENCY, policies::apply);
      workers.start(
          IncidentResponse.RESTORE_POLICY, "policy-service", CONCURRENCY, policies::restore);
      return new SecurityWorkers(workers, policies);
    } catch (RuntimeException e) {
      workers.close();
      throw e;
    }
  }

  /** The policy service, e.g. to look up a principal's current policy. */
  public PolicyService policies() {
    return policies;
  }

  /** What each activity's worker has done so far, by activity name. */
  public Map<String, WorkerStats> stats() {
    return workers.stats();
  }

  /** Stops the workers, then the policy service. */
  @Override
  public void close() {
    workers.close();
  }
}
