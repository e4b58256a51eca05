package io.pipeline.examples.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A request for a person's approval to restore a principal's access, as the workflow's {@code
 * RequestApproval} state writes it to {@value IncidentResponse#APPROVALS_TOPIC}.
 *
 * @param taskToken the token that answers it (SendTaskSuccess, SendTaskFailure)
 * @param incidentId the incident's id
 * @param incident the graded incident: principal, severity, deviation, summary...
 * @param policy what the policy service applied (principal, policy, previousPolicy)
 * @param requestedAt when the request was made
 * @param timeout how long the workflow waits for an answer before it escalates
 */
public record ApprovalRequest(
    String taskToken,
    String incidentId,
    JsonNode incident,
    JsonNode policy,
    Instant requestedAt,
    Duration timeout) {

  public ApprovalRequest {
    Objects.requireNonNull(taskToken, "taskToken");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** When the workflow stops waiting and escalates. */
  public Instant expiresAt() {
    return requestedAt.plus(timeout);
  }

  /** The request a record of the approvals topic holds. */
  public static ApprovalRequest fromJson(JsonNode json) {
    JsonNode incident = json.path("incident");
    return new ApprovalRequest(
        json.path("taskToken").asText(),
        incident.path("incidentId").asText(),
        incident,
        json.path("policy"),
        Instant.parse(json.path("requestedAt").asText()),
        Duration.ofSeconds(json.path("timeoutSeconds").asLong()));
  }
}
