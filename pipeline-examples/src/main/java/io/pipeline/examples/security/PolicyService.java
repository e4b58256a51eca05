package io.pipeline.examples.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.examples.kafka.CompactedJsonStore;
import io.pipeline.examples.kafka.JsonTopics;
import io.pipeline.examples.kafka.StoreUnavailableException;
import io.pipeline.examples.security.PolicyChanges.Change;
import io.pipeline.examples.security.PolicyChanges.Keep;
import io.pipeline.examples.security.PolicyChanges.Write;
import java.time.Duration;
import java.util.Optional;

/**
 * The policy service: applies an incident's restrictive policy to a principal ({@value
 * IncidentResponse#APPLY_POLICY}) and restores what the incident replaced ({@value
 * IncidentResponse#RESTORE_POLICY}), by the rules of {@link PolicyChanges}. Its state is the
 * compacted topic {@value IncidentResponse#POLICIES_TOPIC}, keyed by principal; each record keeps
 * the one it replaced. Each decision and its write happen under one lock; run one instance (see
 * {@link CompactedJsonStore}).
 */
public final class PolicyService implements AutoCloseable {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final CompactedJsonStore policies;

  private PolicyService(CompactedJsonStore policies) {
    this.policies = policies;
  }

  /** Opens the service on its topic, which must exist, once it has read the topic. */
  public static PolicyService open(KafkaSettings kafka) {
    return new PolicyService(
        CompactedJsonStore.open(
            kafka,
            JsonTopics.compacted(IncidentResponse.POLICIES_TOPIC),
            "security-policy-service",
            WRITE_TIMEOUT));
  }

  /**
   * The task of {@value IncidentResponse#APPLY_POLICY}: {@code {principal, incidentId, policy,
   * reason}}; answers {@code {principal, incidentId, policy, previousPolicy}}.
   */
  public JsonNode apply(ActivityTask task) throws TaskFailedException {
    String principal = required(task.input(), "principal");
    String incidentId = required(task.input(), "incidentId");
    AccessPolicy requested = policy(required(task.input(), "policy"));
    String reason = task.input().path("reason").asText("");
    synchronized (this) {
      Change change =
          PolicyChanges.apply(
              current(principal), principal, requested, incidentId, reason, task.scheduledAt());
      PolicyRecord record = write(principal, change).orElseThrow();
      PolicyRecord applied = layerOf(record, incidentId);
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.put("principal", principal);
      output.put("incidentId", incidentId);
      output.put("policy", record.policy().name());
      output.put(
          "previousPolicy",
          applied.previous().map(PolicyRecord::policy).orElse(AccessPolicy.STANDARD).name());
      return output;
    }
  }

  /**
   * The task of {@value IncidentResponse#RESTORE_POLICY}: {@code {principal, incidentId}}; answers
   * {@code {principal, incidentId, policy}}, the policy in force afterwards.
   */
  public JsonNode restore(ActivityTask task) throws TaskFailedException {
    String principal = required(task.input(), "principal");
    String incidentId = required(task.input(), "incidentId");
    synchronized (this) {
      Change change = PolicyChanges.restore(current(principal), incidentId, task.scheduledAt());
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.put("principal", principal);
      output.put("incidentId", incidentId);
      output.put(
          "policy",
          write(principal, change).map(PolicyRecord::policy).orElse(AccessPolicy.STANDARD).name());
      return output;
    }
  }

  /** The principal's current record. */
  public Optional<PolicyRecord> current(String principal) {
    return policies.get(principal).map(PolicyRecord::fromJson);
  }

  /** Carries a change out; gives the record as it then stands. */
  private Optional<PolicyRecord> write(String principal, Change change) throws TaskFailedException {
    if (change instanceof Write write) {
      try {
        policies.put(principal, write.record().toJson());
      } catch (StoreUnavailableException e) {
        throw new TaskFailedException(SecurityErrors.UNAVAILABLE, e.getMessage());
      }
      return Optional.of(write.record());
    }
    return ((Keep) change).record();
  }

  /** The record the incident applied, within the stack. */
  private static PolicyRecord layerOf(PolicyRecord record, String incidentId) {
    PolicyRecord layer = record;
    while (layer.incidentId().filter(incidentId::equals).isEmpty()) {
      layer = layer.previous().orElseThrow();
    }
    return layer;
  }

  private static String required(JsonNode input, String field) throws TaskFailedException {
    JsonNode value = input.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new TaskFailedException(
          SecurityErrors.INVALID_REQUEST, "the task's input has no '" + field + "'");
    }
    return value.textValue();
  }

  private static AccessPolicy policy(String name) throws TaskFailedException {
    try {
      return AccessPolicy.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new TaskFailedException(
          SecurityErrors.INVALID_REQUEST,
          "no access policy '" + name + "': STANDARD, RESTRICTED or ISOLATED");
    }
  }

  @Override
  public void close() {
    policies.close();
  }
}
