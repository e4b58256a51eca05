package io.pipeline.examples.security;

import io.pipeline.examples.ExampleWorkflow;
import io.pipeline.examples.kafka.JsonTopics;
import io.pipeline.schemas.topic.Topic;
import java.util.List;

/**
 * The security-automation example: a Standard workflow started by a telemetry or audit alert grades
 * the incident, restricts the device's access through the policy service, asks a person for
 * approval over Kafka ({@code kafka:produce.waitForTaskToken}) and restores the previous policy,
 * keeps the restriction, or escalates when nobody answers in time. Start the policy service with
 * {@link SecurityWorkers#start}, create the activities and the state machine with {@link
 * #WORKFLOW}, start executions with an alert as input, and answer the requests of an {@link
 * ApprovalInbox} (see {@code examples/security-automation/README.md}).
 */
public final class IncidentResponse {

  /** Restricts a principal's access for an incident. */
  public static final String APPLY_POLICY = "security-apply-policy";

  /** Puts back the policy an incident replaced. */
  public static final String RESTORE_POLICY = "security-restore-policy";

  /** Access policies, keyed by principal ({@code device:<id>}); compacted. */
  public static final String POLICIES_TOPIC = "examples.security.policies";

  /** Approval requests, keyed by incident id, each with the task token that answers it. */
  public static final String APPROVALS_TOPIC = "examples.security.approvals";

  /** Incidents handed to the on-call team, keyed by incident id. */
  public static final String ESCALATIONS_TOPIC = "examples.security.escalations";

  /** LOW incidents, recorded and nothing more, keyed by incident id. */
  public static final String INCIDENTS_TOPIC = "examples.security.incidents";

  /** The state machine, its definition and its activities. */
  public static final ExampleWorkflow WORKFLOW =
      new ExampleWorkflow(
          "incident-response",
          "examples/security-automation/incident-response.asl.json",
          List.of(APPLY_POLICY, RESTORE_POLICY));

  private IncidentResponse() {}

  /** The example's topics. */
  public static List<Topic<String, String>> topics() {
    return List.of(
        JsonTopics.compacted(POLICIES_TOPIC),
        JsonTopics.events(APPROVALS_TOPIC),
        JsonTopics.events(ESCALATIONS_TOPIC),
        JsonTopics.events(INCIDENTS_TOPIC));
  }

  /** The principal a device's policy is kept under. */
  public static String devicePrincipal(String deviceId) {
    return "device:" + deviceId;
  }
}
