package io.pipeline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.inspect.InspectionLevel;
import io.pipeline.asl.inspect.StateTest;
import io.pipeline.asl.inspect.StateTestOutcome;
import io.pipeline.asl.inspect.StateTester;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.examples.bank.AddressRules;
import io.pipeline.examples.bank.BankAccountOpening;
import io.pipeline.examples.bank.NameRules;
import io.pipeline.examples.security.IncidentResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample inputs the READMEs and the demo use show what their names promise. */
class ExampleSampleInputsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode bankSample(String name) throws Exception {
    return JSON.readTree(BankAccountOpening.WORKFLOW.sampleInput(name));
  }

  @Test
  void shouldPassBothValidationsWhenTheCustomerIsTheValidSample() throws Exception {
    JsonNode customer = bankSample("valid-customer");

    assertThat(NameRules.check(customer.get("name")).isValid()).isTrue();
    assertThat(AddressRules.check(customer.get("address")).isValid()).isTrue();
  }

  @Test
  void shouldFailOnlyTheNameWhenTheCustomerIsTheInvalidNameSample() throws Exception {
    JsonNode customer = bankSample("invalid-name");

    assertThat(NameRules.check(customer.get("name")).isValid()).isFalse();
    assertThat(AddressRules.check(customer.get("address")).isValid()).isTrue();
  }

  @Test
  void shouldBeBlockedAfterPassingValidationWhenTheCustomerIsTheBlockedSample() throws Exception {
    JsonNode customer = bankSample("blocked-customer");

    assertThat(NameRules.check(customer.get("name")).isValid()).isTrue();
    assertThat(AddressRules.check(customer.get("address")).isValid()).isTrue();
    assertThat(BankAccountOpening.DEMO_BLOCKED_CUSTOMERS)
        .contains(customer.get("customerId").asText());
  }

  @ParameterizedTest
  @CsvSource({"low-alert, LOW", "high-alert, HIGH", "critical-alert, CRITICAL"})
  void shouldGradeTheAlertSampleAsItsNameSays(String sample, String severity) {
    StateTestOutcome outcome =
        StateTester.test(
            StateTest.of(IncidentResponse.WORKFLOW.definition())
                .withStateName("GradeIncident")
                .withInput(IncidentResponse.WORKFLOW.sampleInput(sample))
                .withInspectionLevel(InspectionLevel.DEBUG),
            ExecutionIdentity.local("incident-response", sample),
            Instant.parse("2026-03-01T09:00:01Z"),
            1L);

    JsonNode variables =
        ((StateTestOutcome.Tested) outcome).result().inspection().orElseThrow().variables().get();
    assertThat(variables.at("/incident/severity").asText()).isEqualTo(severity);
  }
}
