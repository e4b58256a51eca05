package io.pipeline.examples.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.inspect.InspectionLevel;
import io.pipeline.asl.inspect.StateTest;
import io.pipeline.asl.inspect.StateTestOutcome;
import io.pipeline.asl.inspect.StateTestResult;
import io.pipeline.asl.inspect.StateTester;
import io.pipeline.asl.inspect.TestStatus;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grading rule lives in the definition (JSONata in its first state); these run that state of
 * the very file through the engine, as TestState does, and read the variables it assigns.
 */
class SecurityIncidentGradingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFINITION = IncidentResponse.WORKFLOW.definition();

  private static ObjectNode alert(String kind, double value, double limit) {
    return JSON.createObjectNode()
        .put("alertId", "r-1/" + kind)
        .put("deviceId", "pump-7")
        .put("site", "plant-north")
        .put("metric", "temperature")
        .put("kind", kind)
        .put("value", value)
        .put("limit", limit)
        .put("readingId", "r-1")
        .put("eventTime", "2026-03-01T09:00:00Z")
        .put("message", "temperature of pump-7 is off");
  }

  private static StateTestResult grade(JsonNode alert) {
    StateTestOutcome outcome =
        StateTester.test(
            StateTest.of(DEFINITION)
                .withStateName("GradeIncident")
                .withInput(alert.toString())
                .withInspectionLevel(InspectionLevel.DEBUG),
            ExecutionIdentity.local("incident-response", "grading"),
            Instant.parse("2026-03-01T09:00:01Z"),
            1L);
    assertThat(outcome).isInstanceOf(StateTestOutcome.Tested.class);
    return ((StateTestOutcome.Tested) outcome).result();
  }

  private static JsonNode variablesAfterGrading(JsonNode alert) {
    StateTestResult result = grade(alert);
    assertThat(result.status()).isEqualTo(TestStatus.SUCCEEDED);
    assertThat(result.nextState()).contains("BySeverity");
    return result.inspection().orElseThrow().variables().orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
    "ABOVE_MAX, 84, 80, LOW, 0.05",
    "ABOVE_MAX, 87.99, 80, LOW, 0.1",
    "ABOVE_MAX, 88, 80, HIGH, 0.1",
    "ABOVE_MAX, 95, 80, HIGH, 0.188",
    "ABOVE_MAX, 120, 80, CRITICAL, 0.5",
    "BELOW_MIN, 3, 5, HIGH, 0.4",
    "BELOW_MIN, -2, 5, CRITICAL, 1.4",
    "RATE_OF_CHANGE, 12, 10, HIGH, 0.2",
    "ABOVE_MAX, 0.05, 0, LOW, 0.05",
    "BELOW_MIN, -2.9, -2, HIGH, 0.45",
    "BELOW_MIN, -3, -2, CRITICAL, 0.5"
  })
  void shouldGradeByHowFarTheValueIsBeyondTheLimit(
      String kind, double value, double limit, String severity, double deviation) {
    JsonNode incident = variablesAfterGrading(alert(kind, value, limit)).get("incident");

    assertThat(incident.get("severity").asText()).isEqualTo(severity);
    assertThat(incident.get("deviation").asDouble()).isEqualTo(deviation);
  }

  @Test
  void shouldNameTheDevicePrincipalAndKeepTheAlertsSummary() {
    JsonNode incident = variablesAfterGrading(alert("ABOVE_MAX", 95, 80)).get("incident");

    assertThat(incident.get("incidentId").asText()).isEqualTo("r-1/ABOVE_MAX");
    assertThat(incident.get("principal").asText())
        .isEqualTo(IncidentResponse.devicePrincipal("pump-7"));
    assertThat(incident.get("site").asText()).isEqualTo("plant-north");
    assertThat(incident.get("summary").asText()).isEqualTo("temperature of pump-7 is off");
  }

  @Test
  void shouldWaitAnHourForApprovalWhenTheInputSetsNoTimeout() {
    assertThat(variablesAfterGrading(alert("ABOVE_MAX", 95, 80)).get("approvalTimeoutSeconds"))
        .isEqualTo(JSON.getNodeFactory().numberNode(3600));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "2.5", "\"30\"", "null"})
  void shouldFailBeforeAnythingChangesWhenTheApprovalTimeoutIsNotAWholeNumberOfSeconds(
      String timeout) throws Exception {
    ObjectNode alert = alert("ABOVE_MAX", 95, 80);
    alert.set("approvalTimeoutSeconds", JSON.readTree(timeout));

    StateTestResult result = grade(alert);

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).contains("States.QueryEvaluationError");
    assertThat(result.cause().orElseThrow())
        .contains("approvalTimeoutSeconds must be a whole number of seconds, at least 1");
  }

  @Test
  void shouldTakeTheApprovalTimeoutFromTheInputWhenItSetsOne() {
    ObjectNode alert = alert("ABOVE_MAX", 95, 80).put("approvalTimeoutSeconds", 5);

    assertThat(variablesAfterGrading(alert).get("approvalTimeoutSeconds").asInt()).isEqualTo(5);
  }
}
