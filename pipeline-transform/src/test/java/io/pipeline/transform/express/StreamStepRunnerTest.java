package io.pipeline.transform.express;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One record's execution: deterministic from the record, synchronous, never waiting. */
class StreamStepRunnerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
  private static final String ORDER =
      "{\"id\": \"o-1\", \"customer\": {\"first\": \"Ada\", \"last\": \"Lovelace\"},"
          + " \"total\": 120}";

  @Test
  void shouldNameTheExecutionAfterTheStepAndTheRecordsPlaceInTheLog() {
    // when
    var identity = StreamStepRunner.identity("normalize-orders", "orders.raw", 3, 42);

    // then
    assertThat(identity.executionArn())
        .matches(
            "arn:aws:states:us-east-1:000000000000:express:normalize-orders:orders\\.raw-3-42:"
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(identity.executionName()).isEqualTo("orders.raw-3-42");
    assertThat(identity.stateMachineName()).isEqualTo("normalize-orders");
    assertThat(StreamStepRunner.identity("normalize-orders", "orders.raw", 3, 42))
        .isEqualTo(identity);
    assertThat(StreamStepRunner.identity("normalize-orders", "orders.raw", 3, 43).executionArn())
        .isNotEqualTo(identity.executionArn());
  }

  @Test
  void shouldKeepTheVersion3UuidOfTheStepAndThePlaceSoArnsStayAcrossReleases() {
    String name = "express-step:normalize-orders:orders.raw-3-42";

    assertThat(StreamStepRunner.runId("normalize-orders", "orders.raw-3-42"))
        .isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldGiveTheSameOutputWhenTheSameRecordRunsAgainAndAnotherUuidAtAnotherOffset() {
    // given
    StateMachine machine = ExpressStepsFixture.step("normalize-orders").machine();

    // when
    JsonNode first = output(new StreamStepRunner("normalize-orders", machine).run(order(42)));
    JsonNode again = output(new StreamStepRunner("normalize-orders", machine).run(order(42)));
    JsonNode next = output(new StreamStepRunner("normalize-orders", machine).run(order(43)));

    // then
    assertThat(again).isEqualTo(first);
    assertThat(first.path("trackingId").asText()).matches("[0-9a-f-]{36}");
    assertThat(next.path("trackingId").asText()).isNotEqualTo(first.path("trackingId").asText());
  }

  @Test
  void shouldRunAtTheRecordsTimestamp() {
    // given
    StateMachine machine = ExpressStepsFixture.step("normalize-orders").machine();

    // when
    JsonNode output = output(new StreamStepRunner("normalize-orders", machine).run(order(7)));

    // then
    assertThat(output.path("receivedAt").asText()).isEqualTo("2026-11-26T09:00:00Z");
  }

  @Test
  void shouldRefuseARecordOverTheEnginesPayloadLimitWithoutRunningIt() {
    // given
    String large = "\"" + "x".repeat(StreamStepRunner.MAX_INPUT_BYTES - 1) + "\"";
    StreamStepRunner runner =
        runner("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");

    // when
    StepOutcome outcome = runner.run(record(0, large));

    // then
    assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
    StepOutcome.Failed failed = (StepOutcome.Failed) outcome;
    assertThat(failed.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(failed.cause())
        .isEqualTo(
            "the record's value has 262145 bytes; an execution's input may have at most 262144");
  }

  @Test
  void shouldRefuseATombstoneAndAnEmptyValueAsInputsThatAreNotJson() {
    // given
    StreamStepRunner runner =
        runner("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");

    // when
    StepOutcome tombstone = runner.run(new StreamRecord("orders.raw", 0, 1, T0, null));
    StepOutcome empty = runner.run(record(2, ""));
    StepOutcome trailing = runner.run(record(3, "{} {}"));

    // then
    assertThat(tombstone)
        .isEqualTo(
            new StepOutcome.Failed(
                StreamStepRunner.identity("step", "orders.raw", 0, 1).executionArn(),
                "InvalidExecutionInput",
                "the record has no value (a tombstone); the input must be JSON"));
    assertThat(((StepOutcome.Failed) empty).reason())
        .isEqualTo("InvalidExecutionInput: the record's value is empty; the input must be JSON");
    assertThat(((StepOutcome.Failed) trailing).reason())
        .startsWith("InvalidExecutionInput: the record's value is not JSON");
  }

  @Test
  void shouldRunRetriesOnVirtualTimeSoTheyDoNotHoldTheStreamUp() {
    // given: a Parallel retried after 10 s and 20 s, then caught
    StateMachine machine = ExpressStepsFixture.step("retry-parallel").machine();

    // when
    JsonNode output =
        output(new StreamStepRunner("retry-parallel", machine).run(record(0, "{\"job\": 1}")));

    // then: the catcher's state was entered 30 s after the record's time
    assertThat(output.path("error").asText()).isEqualTo("Flaky");
    assertThat(output.path("recoveredAt").asText()).isEqualTo("2026-11-26T09:00:30Z");
  }

  @Test
  void shouldTimeOutAnExecutionWhoseRetriesOutlastTheFiveMinutesOfAnExpressExecution() {
    // given: retries after 200 s and 400 s
    StreamStepRunner runner =
        runner(
            "{\"StartAt\": \"Both\", \"States\": {\"Both\": {\"Type\": \"Parallel\", \"Branches\":"
                + " [{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\":"
                + " \"Flaky\"}}}], \"Retry\": [{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\":"
                + " 200, \"MaxAttempts\": 2}], \"End\": true}}}");

    // when
    StepOutcome outcome = runner.run(record(0, "{}"));

    // then
    assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
    assertThat(((StepOutcome.Failed) outcome).error()).isEqualTo("States.Timeout");
  }

  @Test
  void shouldFailTheRecordRatherThanWaitWhenTheMachineAsksForATask() {
    // given: a Task, which validation would have refused
    StreamStepRunner runner =
        runner(
            "{\"StartAt\": \"Call\", \"States\": {\"Call\": {\"Type\": \"Task\", \"Resource\":"
                + " \"arn:aws:states:::http:invoke\", \"Parameters\": {\"ApiEndpoint\":"
                + " \"https://example.com\", \"Method\": \"GET\"}, \"End\": true}}}");

    // when
    StepOutcome outcome = runner.run(record(0, "{}"));

    // then
    assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
    StepOutcome.Failed failed = (StepOutcome.Failed) outcome;
    assertThat(failed.error()).isEqualTo("States.Runtime");
    assertThat(failed.cause())
        .isEqualTo(
            "the execution asked for a task of 'arn:aws:states:::http:invoke', which express"
                + " step 'step' cannot give: it runs only states that need nothing outside the"
                + " engine");
  }

  @Test
  void shouldRunAMapOverMoreStatesThanTheEngineRunsForOneCommand() {
    // given: 700 lines of two states each, past the engine's 1,000 states per command
    StateMachine machine = ExpressStepsFixture.step("order-lines").machine();
    String lines =
        IntStream.range(0, 700)
            .mapToObj(i -> "{\"sku\": \"s-" + i + "\", \"quantity\": " + (i % 20) + "}")
            .collect(Collectors.joining(", ", "{\"lines\": [", "]}"));

    // when
    JsonNode output = output(new StreamStepRunner("order-lines", machine).run(record(0, lines)));

    // then
    assertThat(output.path("lines")).hasSize(700);
    assertThat(output.path("lines").get(699).toString())
        .isEqualTo("{\"sku\":\"s-699\",\"kind\":\"bulk\"}");
    assertThat(output.path("lines").get(0).toString())
        .isEqualTo("{\"sku\":\"s-0\",\"kind\":\"unit\"}");
  }

  private static StreamStepRunner runner(String definition) {
    return new StreamStepRunner(
        "step", DefinitionParser.parse(definition).stateMachine().orElseThrow());
  }

  private static StreamRecord order(long offset) {
    return new StreamRecord("orders.raw", 0, offset, T0, ORDER.getBytes(StandardCharsets.UTF_8));
  }

  private static StreamRecord record(long offset, String value) {
    return new StreamRecord("orders.raw", 0, offset, T0, value.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode output(StepOutcome outcome) {
    assertThat(outcome).isInstanceOf(StepOutcome.Succeeded.class);
    try {
      return JSON.readTree(((StepOutcome.Succeeded) outcome).output());
    } catch (IOException e) {
      throw new AssertionError("the output is not JSON", e);
    }
  }
}
