package io.pipeline.orchestrator.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.ConfigException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRuleTest {

  private static final String ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:etl";

  @Test
  void shouldFireARateScheduleOnTheSameGridOnEveryInstance() {
    List<ScheduleRule> rules =
        ScheduleRule.parse(
            "S",
            "[{\"name\": \"often\", \"expression\": \"rate(5 minutes)\", \"stateMachineArn\": \""
                + ARN
                + "\"}]");

    Instant next =
        rules.get(0).schedule().nextFireTime(Instant.parse("2026-11-26T10:07:13Z")).orElseThrow();

    assertThat(next).isEqualTo(Instant.parse("2026-11-26T10:10:00Z"));
  }

  @Test
  void shouldFireACronScheduleInItsTimeZone() {
    List<ScheduleRule> rules =
        ScheduleRule.parse(
            "S",
            "[{\"name\": \"morning\", \"expression\": \"cron(0 8 * * ? *)\", \"timezone\":"
                + " \"Europe/Berlin\", \"stateMachineArn\": \""
                + ARN
                + "\", \"input\": {\"k\": 1}}]");

    assertThat(rules.get(0).schedule().nextFireTime(Instant.parse("2026-11-26T10:00:00Z")))
        .contains(Instant.parse("2026-11-27T07:00:00Z"));
    assertThat(rules.get(0).input().orElseThrow().get("k").asInt()).isEqualTo(1);
  }

  @Test
  void shouldNameTheScheduleIndexAndFieldOfAMistake() {
    assertThatThrownBy(
            () ->
                ScheduleRule.parse(
                    "ORCHESTRATOR_SCHEDULES",
                    "[{\"name\": \"bad\", \"expression\": \"cron(0 25 * * ? *)\","
                        + " \"stateMachineArn\": \""
                        + ARN
                        + "\"}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting ORCHESTRATOR_SCHEDULES[0]: 'expression'")
        .hasMessageContaining("25");
    assertThatThrownBy(
            () ->
                ScheduleRule.parse(
                    "ORCHESTRATOR_SCHEDULES",
                    "[{\"name\": \"x\", \"expression\": \"rate(1 hour)\", \"stateMachineArn\":"
                        + " \"nope\"}]"))
        .hasMessageContaining("[0]: 'stateMachineArn'");
    assertThatThrownBy(
            () ->
                ScheduleRule.parse(
                    "ORCHESTRATOR_SCHEDULES",
                    "[{\"name\": \"x\", \"expression\": \"rate(1 hour)\", \"stateMachineArn\": \""
                        + ARN
                        + "\"}, {\"name\": \"x\", \"expression\": \"rate(1 hour)\","
                        + " \"stateMachineArn\": \""
                        + ARN
                        + "\"}]"))
        .hasMessageContaining("[1]: the name 'x' is taken");
  }

  @Test
  void shouldGiveEventBridgesScheduledEventAsTheDefaultInput() throws Exception {
    ScheduleRule rule =
        ScheduleRule.parse(
                "S",
                "[{\"name\": \"n\", \"expression\": \"rate(1 hour)\", \"stateMachineArn\": \""
                    + ARN
                    + "\"}]")
            .get(0);

    var event =
        new ObjectMapper()
            .readTree(ScheduleRunner.event(rule, Instant.parse("2026-11-26T11:00:00Z")));

    assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.get("time").asText()).isEqualTo("2026-11-26T11:00:00Z");
    assertThat(event.get("account").asText()).isEqualTo("000000000000");
    assertThat(event.get("region").asText()).isEqualTo("us-east-1");
  }
}
