package io.pipeline.examples.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.examples.InProcessOrchestrator;
import io.pipeline.examples.JsonRecords;
import io.pipeline.examples.JsonRecords.JsonRecord;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The incident response example end to end: the embedded broker, an orchestrator in this JVM, the
 * policy service, the state machine and its activities created through the AWS SDK, and this test
 * as the approver, answering through the SDK.
 */
@ExtendWith(LocalStackExtension.class)
class SecurityIncidentResponseIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_WAIT = Duration.ofSeconds(20);

  private static InProcessOrchestrator orchestrator;
  private static SecurityWorkers workers;
  private static ApprovalInbox inbox;
  private static SfnClient sfn;
  private static String bootstrap;
  private static String machine;

  @BeforeAll
  static void start(LocalStack stack) throws Exception {
    String machineName = LocalStack.uniqueName("incidents");
    // Alerts of the telemetry topology start the workflow, as a deployment would have it.
    String trigger =
        JSON.createArrayNode()
            .add(
                JSON.createObjectNode()
                    .put("name", machineName)
                    .put("sourceTopic", PipelineTopics.IOT_ALERTS)
                    .put(
                        "stateMachineArn",
                        "arn:aws:states:us-east-1:000000000000:stateMachine:" + machineName)
                    .put("executionName", "{$.alertId}"))
            .toString();
    orchestrator = InProcessOrchestrator.start(stack, Map.of("ORCHESTRATOR_TRIGGERS", trigger));
    sfn = orchestrator.sfn();
    bootstrap = orchestrator.kafka().bootstrapServers();
    workers = SecurityWorkers.start(orchestrator.kafka());
    inbox = ApprovalInbox.open(orchestrator.kafka());
    IncidentResponse.WORKFLOW.createActivities(sfn);
    machine = IncidentResponse.WORKFLOW.createStateMachine(sfn, machineName);
  }

  @AfterAll
  static void stop() throws Exception {
    if (inbox != null) {
      inbox.close();
    }
    if (workers != null) {
      workers.close();
    }
    if (orchestrator != null) {
      orchestrator.close();
    }
  }

  /** An alert of a new device, as the telemetry topology raises them. */
  private static ObjectNode alert(double value, double limit, int approvalTimeoutSeconds) {
    String device = LocalStack.uniqueName("pump");
    String reading = LocalStack.uniqueName("r");
    return JSON.createObjectNode()
        .put("alertId", reading + "/ABOVE_MAX")
        .put("deviceId", device)
        .put("site", "plant-north")
        .put("metric", "temperature")
        .put("kind", "ABOVE_MAX")
        .put("value", value)
        .put("limit", limit)
        .put("readingId", reading)
        .put("eventTime", "2026-03-01T09:00:00Z")
        .put("message", "temperature of " + device + " " + value + " is above the maximum " + limit)
        .put("approvalTimeoutSeconds", approvalTimeoutSeconds);
  }

  private static String start(JsonNode alert) {
    return sfn.startExecution(b -> b.stateMachineArn(machine).input(alert.toString()))
        .executionArn();
  }

  private static String principal(JsonNode alert) {
    return IncidentResponse.devicePrincipal(alert.get("deviceId").asText());
  }

  private static String incidentId(JsonNode alert) {
    return alert.get("alertId").asText();
  }

  private static List<String> policiesOnTopic(JsonNode alert, int count) {
    return JsonRecords.await(bootstrap, IncidentResponse.POLICIES_TOPIC, principal(alert), count)
        .stream()
        .map(r -> r.value().get("policy").asText())
        .toList();
  }

  private static ApprovalRequest awaitApprovalRequest(JsonNode alert) throws InterruptedException {
    return inbox.awaitRequest(incidentId(alert), REQUEST_WAIT).orElseThrow();
  }

  @Test
  void shouldRestoreThePreviousPolicyWhenTheApproverApproves() throws Exception {
    ObjectNode alert = alert(95, 80, 60);
    String execution = start(alert);

    ApprovalRequest request = awaitApprovalRequest(alert);
    assertThat(request.incident().get("severity").asText()).isEqualTo("HIGH");
    assertThat(request.policy().get("policy").asText()).isEqualTo("RESTRICTED");
    assertThat(request.policy().get("previousPolicy").asText()).isEqualTo("STANDARD");
    assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(policiesOnTopic(alert, 1)).containsExactly("RESTRICTED");
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.RUNNING);

    inbox.approve(sfn, request, "alice");
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output.get("outcome").asText()).isEqualTo("RESTORED");
    assertThat(output.at("/policy/policy").asText()).isEqualTo("STANDARD");
    assertThat(output.at("/decision/approver").asText()).isEqualTo("alice");
    assertThat(policiesOnTopic(alert, 2)).containsExactly("RESTRICTED", "STANDARD");
    assertThat(workers.policies().current(principal(alert)).orElseThrow().policy())
        .isEqualTo(AccessPolicy.STANDARD);
    assertThat(inbox.pending()).doesNotContain(request);
  }

  @Test
  void shouldKeepTheRestrictivePolicyWhenTheApproverRejects() throws Exception {
    ObjectNode alert = alert(130, 80, 60);
    String execution = start(alert);
    ApprovalRequest request = awaitApprovalRequest(alert);
    assertThat(request.incident().get("severity").asText()).isEqualTo("CRITICAL");

    inbox.reject(sfn, request, "bob", "the pump's firmware is being analysed");
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output.get("outcome").asText()).isEqualTo("KEPT_RESTRICTED");
    assertThat(output.at("/policy/policy").asText()).isEqualTo("ISOLATED");
    assertThat(output.at("/decision/reason").asText())
        .isEqualTo("the pump's firmware is being analysed");
    assertThat(orchestrator.statesEntered(execution)).doesNotContain("RestorePolicy");
    assertThat(
            JsonRecords.settled(
                    bootstrap,
                    IncidentResponse.POLICIES_TOPIC,
                    principal(alert),
                    Duration.ofMillis(300))
                .stream()
                .map(r -> r.value().get("policy").asText()))
        .containsExactly("ISOLATED");
  }

  @Test
  void shouldKeepTheRestrictivePolicyWhenTheApproverSendsTaskFailure() throws Exception {
    ObjectNode alert = alert(95, 80, 60);
    String execution = start(alert);
    ApprovalRequest request = awaitApprovalRequest(alert);

    sfn.sendTaskFailure(
        b -> b.taskToken(request.taskToken()).error("Approval.Denied").cause("not before Monday"));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output.get("outcome").asText()).isEqualTo("KEPT_RESTRICTED");
    assertThat(output.at("/decision/approved").asBoolean(true)).isFalse();
    assertThat(output.at("/decision/refusal/Error").asText()).isEqualTo("Approval.Denied");
    assertThat(output.at("/decision/refusal/Cause").asText()).isEqualTo("not before Monday");
    assertThat(workers.policies().current(principal(alert)).orElseThrow().policy())
        .isEqualTo(AccessPolicy.RESTRICTED);
  }

  @Test
  void shouldEscalateWhenNobodyAnswersInTime() throws Exception {
    ObjectNode alert = alert(95, 80, 2);
    String execution = start(alert);

    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output.get("outcome").asText()).isEqualTo("ESCALATED");
    assertThat(output.at("/reason/Error").asText()).isEqualTo("States.Timeout");
    List<JsonRecord> escalations =
        JsonRecords.await(bootstrap, IncidentResponse.ESCALATIONS_TOPIC, incidentId(alert), 1);
    assertThat(escalations).hasSize(1);
    JsonNode escalation = escalations.get(0).value();
    assertThat(escalation.at("/reason/Error").asText()).isEqualTo("States.Timeout");
    assertThat(escalation.at("/incident/principal").asText()).isEqualTo(principal(alert));
    assertThat(escalation.at("/policy/policy").asText()).isEqualTo("RESTRICTED");
    assertThat(Duration.between(closed.startDate(), closed.stopDate()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(workers.policies().current(principal(alert)).orElseThrow().policy())
        .isEqualTo(AccessPolicy.RESTRICTED);
    assertThat(inbox.pending()).noneMatch(r -> r.incidentId().equals(incidentId(alert)));
  }

  @Test
  void shouldRespondWhenTheTelemetryTopologyRaisesAnAlert() throws Exception {
    String device = LocalStack.uniqueName("pump");
    String reading = LocalStack.uniqueName("r");
    TelemetryAlert alert =
        TelemetryAlert.newBuilder()
            .setAlertId(reading + "/ABOVE_MAX")
            .setDeviceId(device)
            .setSite("plant-north")
            .setMetric("temperature")
            .setKind("ABOVE_MAX")
            .setValue(130)
            .setLimit(80)
            .setReadingId(reading)
            .setEventTime(Instant.parse("2026-03-01T09:00:00Z"))
            .setMessage("temperature of " + device + " 130.0 is above the maximum 80.0")
            .build();
    Topic<String, TelemetryAlert> alerts = new PipelineTopics(SchemaCatalog.builtIn()).iotAlerts();
    try (KafkaProducer<String, TelemetryAlert> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            alerts.keySerde().serializer(),
            alerts.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(alerts.name(), device, alert)).get();
    }

    ApprovalRequest request = inbox.awaitRequest(alert.getAlertId(), REQUEST_WAIT).orElseThrow();
    assertThat(request.incident().get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(request.policy().get("policy").asText()).isEqualTo("ISOLATED");
    assertThat(request.timeout()).isEqualTo(Duration.ofHours(1));
    inbox.approve(sfn, request, "carol");

    String principal = IncidentResponse.devicePrincipal(device);
    assertThat(
            JsonRecords.await(bootstrap, IncidentResponse.POLICIES_TOPIC, principal, 2).stream()
                .map(r -> r.value().get("policy").asText()))
        .containsExactly("ISOLATED", "STANDARD");
    assertThat(
            sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().stream()
                .filter(e -> e.name().contains(reading)))
        .hasSize(1);
  }

  @Test
  void shouldOnlyRecordTheIncidentWhenItIsLow() throws Exception {
    ObjectNode alert = alert(84, 80, 60);
    String execution = start(alert);

    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output.get("outcome").asText()).isEqualTo("RECORDED");
    assertThat(output.at("/incident/severity").asText()).isEqualTo("LOW");
    List<JsonRecord> recorded =
        JsonRecords.await(bootstrap, IncidentResponse.INCIDENTS_TOPIC, incidentId(alert), 1);
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).value().get("severity").asText()).isEqualTo("LOW");
    assertThat(orchestrator.statesEntered(execution))
        .containsExactly("GradeIncident", "BySeverity", "RecordIncident");
    assertThat(workers.policies().current(principal(alert))).isEmpty();
    assertThat(
            JsonRecords.settled(
                bootstrap,
                IncidentResponse.POLICIES_TOPIC,
                principal(alert),
                Duration.ofMillis(300)))
        .isEmpty();
  }
}
