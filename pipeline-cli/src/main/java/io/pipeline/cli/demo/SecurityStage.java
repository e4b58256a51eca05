package io.pipeline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.examples.security.ApprovalInbox;
import io.pipeline.examples.security.ApprovalRequest;
import io.pipeline.examples.security.IncidentResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * Security automation: each alert of the telemetry topology starts the {@value #MACHINE} workflow
 * through a trigger rule. It grades the incident; a low one is recorded, a higher one restricts the
 * device's access through the policy service and asks a person for approval (a task token on
 * {@value IncidentResponse#APPROVALS_TOPIC}). The demo plays that person: it approves the first
 * request (the previous policy is restored), rejects the second (the restriction stays) and leaves
 * the third unanswered until its timeout escalates it.
 */
final class SecurityStage {

  static final String MACHINE = "incident-response";

  /** How long the workflow waits for an approval before it escalates, in the demo. */
  static final int APPROVAL_TIMEOUT_SECONDS = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DemoContext context;
  private final String run;

  SecurityStage(DemoContext context, String run) {
    this.context = context;
    this.run = run;
  }

  /** Creates the policy service's activities and the state machine. */
  void deploy() {
    IncidentResponse.WORKFLOW.createActivities(context.sfn());
    IncidentResponse.WORKFLOW.createStateMachine(context.sfn(), MACHINE);
  }

  /**
   * Answers the approval requests of this run's incidents, one each way, and waits for every
   * incident to end.
   *
   * @param incidents how many alerts started the workflow
   * @return each incident's outcome, by device
   */
  Map<String, String> respond(int incidents) {
    String arn = context.stateMachineArn(MACHINE);
    TopicCounts.await(
        incidents + " " + MACHINE + " executions",
        Demo.STAGE_TIMEOUT,
        () -> mine(arn).size() >= incidents);
    try (ApprovalInbox inbox = ApprovalInbox.open(context.kafka())) {
      List<ApprovalRequest> requests = awaitRequests(inbox, incidents - 1);
      inbox.approve(context.sfn(), requests.get(0), "demo-operator");
      inbox.reject(context.sfn(), requests.get(1), "demo-operator", "the readings stay suspicious");
    }
    TopicCounts.await(
        "every incident to end (one waits " + APPROVAL_TIMEOUT_SECONDS + " s to escalate)",
        Demo.STAGE_TIMEOUT,
        () -> mine(arn).stream().noneMatch(e -> e.statusAsString().equals("RUNNING")));
    Map<String, String> outcomes = new TreeMap<>();
    for (ExecutionListItem execution : mine(arn)) {
      String output =
          context.sfn().describeExecution(b -> b.executionArn(execution.executionArn())).output();
      outcomes.put(
          execution.name(),
          execution.statusAsString() + (output == null ? "" : " " + outcome(output)));
    }
    return outcomes;
  }

  private List<ApprovalRequest> awaitRequests(ApprovalInbox inbox, int count) {
    Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    TopicCounts.await(
        count + " approval requests",
        Demo.STAGE_TIMEOUT,
        () -> {
          for (ApprovalRequest request : inbox.pending()) {
            if (request.incidentId().contains("/" + run + "-")) {
              requests.putIfAbsent(request.incidentId(), request);
            }
          }
          return requests.size() >= count;
        });
    return List.copyOf(requests.values());
  }

  private List<ExecutionListItem> mine(String arn) {
    return context.sfn().listExecutions(b -> b.stateMachineArn(arn)).executions().stream()
        .filter(e -> e.name().contains(run))
        .toList();
  }

  private static String outcome(String output) {
    try {
      return JSON.readTree(output).path("outcome").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** The time an unanswered request waits, for the progress line. */
  static Duration timeout() {
    return Duration.ofSeconds(APPROVAL_TIMEOUT_SECONDS);
  }
}
