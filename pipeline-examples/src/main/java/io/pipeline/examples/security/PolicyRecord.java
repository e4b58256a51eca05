package io.pipeline.examples.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal's access policy as {@value IncidentResponse#POLICIES_TOPIC} keeps it: the policy in
 * force and, for one an incident applied, the record it replaced, so that the incident's end can
 * put that back. Incidents on top of each other make a stack of records.
 *
 * @param principal whose access it is, e.g. {@code device:pump-7}; the record's key
 * @param policy the policy in force: the stricter of {@code requested} and the replaced one's
 * @param requested what the incident asked for; empty for a baseline
 * @param incidentId the incident that applied it; empty for a baseline
 * @param reason why, in words
 * @param updatedAt when the task that wrote it was scheduled
 * @param previous the record it replaced; empty for a baseline
 */
public record PolicyRecord(
    String principal,
    AccessPolicy policy,
    Optional<AccessPolicy> requested,
    Optional<String> incidentId,
    Optional<String> reason,
    Instant updatedAt,
    Optional<PolicyRecord> previous) {

  public PolicyRecord {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(previous, "previous");
  }

  /** The policy of a principal no incident touched: {@link AccessPolicy#STANDARD}. */
  public static PolicyRecord baseline(String principal, Instant at) {
    return new PolicyRecord(
        principal,
        AccessPolicy.STANDARD,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        at,
        Optional.empty());
  }

  /** Whether this record, or one it replaced, was applied by the incident. */
  public boolean hasLayerOf(String incident) {
    return incidentId.filter(incident::equals).isPresent()
        || previous.map(p -> p.hasLayerOf(incident)).orElse(false);
  }

  /** The record as the topic holds it. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("principal", principal);
    json.put("policy", policy.name());
    json.put("grants", policy.grants());
    requested.ifPresent(r -> json.put("requested", r.name()));
    incidentId.ifPresent(i -> json.put("incidentId", i));
    reason.ifPresent(r -> json.put("reason", r));
    json.put("updatedAt", updatedAt.toString());
    previous.ifPresent(p -> json.set("previous", p.toJson()));
    return json;
  }

  /** A record read from the topic. */
  public static PolicyRecord fromJson(JsonNode json) {
    return new PolicyRecord(
        json.path("principal").asText(),
        AccessPolicy.valueOf(json.path("policy").asText()),
        Optional.ofNullable(json.get("requested")).map(r -> AccessPolicy.valueOf(r.asText())),
        Optional.ofNullable(json.get("incidentId")).map(JsonNode::asText),
        Optional.ofNullable(json.get("reason")).map(JsonNode::asText),
        Instant.parse(json.path("updatedAt").asText()),
        Optional.ofNullable(json.get("previous")).map(PolicyRecord::fromJson));
  }
}
