package io.pipeline.orchestrator.express;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.orchestrator.machines.StateMachineRegistry.LogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One step's events as one log record, at each logging level. */
class ExpressLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:states:us-east-1:000000000000:express:m:e:1";
  private static final Instant AT = Instant.parse("2026-11-27T05:00:00.123Z");

  private static HistoryEvent event(long id, String type, String details) throws Exception {
    return new HistoryEvent(id, id - 1, type, AT, JSON.readTree(details));
  }

  private static List<HistoryEvent> step() throws Exception {
    return List.of(
        event(1, "ExecutionStarted", "{\"input\": {\"a\": 1}, \"roleArn\": \"role\"}"),
        event(2, "PassStateEntered", "{\"name\": \"First\", \"input\": {\"a\": 1}}"),
        event(3, "PassStateExited", "{\"name\": \"First\", \"output\": {\"a\": 2}}"),
        event(4, "ExecutionFailed", "{\"error\": \"Oops\", \"cause\": \"it broke\"}"));
  }

  /** The step's one record, read. */
  private static JsonNode record(List<HistoryEvent> events, LogLevel level, boolean includeData)
      throws Exception {
    List<byte[]> records = ExpressLog.records(events, ARN, level, includeData);
    assertThat(records).hasSize(1);
    return JSON.readTree(records.get(0));
  }

  @Test
  void shouldWriteEveryEventOfAStepAsOneArrayInOrderAtLevelAll() throws Exception {
    // when
    JsonNode record = record(step(), LogLevel.ALL, true);

    // then
    assertThat(record.isArray()).isTrue();
    assertThat(record.findValuesAsText("type"))
        .containsExactly(
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionFailed");
    JsonNode entered = record.get(1);
    assertThat(entered.get("id").asText()).isEqualTo("2");
    assertThat(entered.get("previous_event_id").asText()).isEqualTo("1");
    assertThat(entered.get("event_timestamp").asText()).isEqualTo("1795755600123");
    assertThat(entered.get("execution_arn").asText()).isEqualTo(ARN);
    assertThat(entered.get("redrive_count").asText()).isEqualTo("0");
    assertThat(entered.get("details").get("name").asText()).isEqualTo("First");
    assertThat(entered.get("details").get("input").asText()).isEqualTo("{\"a\":1}");
  }

  @Test
  void shouldLeaveExecutionDataOutUnlessIncluded() throws Exception {
    JsonNode record = record(step(), LogLevel.ALL, false);

    assertThat(record.get(1).get("details").has("input")).isFalse();
    assertThat(record.get(1).get("details").get("name").asText()).isEqualTo("First");
  }

  @Test
  void shouldKeepOnlyFailuresAtLevelsErrorAndFatal() throws Exception {
    JsonNode error = record(step(), LogLevel.ERROR, true);
    JsonNode fatal = record(step(), LogLevel.FATAL, true);

    assertThat(error.findValuesAsText("type")).containsExactly("ExecutionFailed");
    assertThat(fatal.findValuesAsText("type")).containsExactly("ExecutionFailed");
    assertThat(error.get(0).get("details").get("error").asText()).isEqualTo("Oops");
  }

  @Test
  void shouldWriteNoRecordWhenTheLevelKeepsNoneOfTheStepsEvents() throws Exception {
    List<HistoryEvent> passing = step().subList(0, 3);

    assertThat(ExpressLog.records(passing, ARN, LogLevel.ERROR, true)).isEmpty();
    assertThat(ExpressLog.records(step(), ARN, LogLevel.OFF, true)).isEmpty();
  }

  @Test
  void shouldSplitAStepTooLargeForOneRecordIntoRecordsOfWholeEntriesInOrder() throws Exception {
    // given 40 states' entries of about 50 KB each (2 MB), and one entry of 1 MB
    String payload = "\"" + "x".repeat(50_000) + "\"";
    List<HistoryEvent> events = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      events.add(
          event(i, "PassStateEntered", "{\"name\": \"S" + i + "\", \"input\": " + payload + "}"));
    }
    events.add(
        event(
            41,
            "PassStateExited",
            "{\"name\": \"Big\", \"output\": \"" + "y".repeat(1_000_000) + "\"}"));
    events.add(event(42, "ExecutionSucceeded", "{}"));

    // when
    List<byte[]> records = ExpressLog.records(events, ARN, LogLevel.ALL, true);

    // then every event is there once, in order, and only the lone large entry passes the limit
    List<String> ids = new ArrayList<>();
    for (byte[] record : records) {
      JsonNode entries = JSON.readTree(record);
      entries.forEach(entry -> ids.add(entry.get("id").asText()));
      if (entries.size() > 1) {
        assertThat(record.length).isLessThanOrEqualTo(ExpressLog.MAX_RECORD_BYTES);
      }
    }
    assertThat(ids).hasSize(42);
    assertThat(ids).isEqualTo(events.stream().map(e -> Long.toString(e.id())).toList());
    assertThat(records).as("15, 15 and 10 entries of 50 KB, the large one, the last").hasSize(5);
    assertThat(JSON.readTree(records.get(records.size() - 2)).get(0).get("id").asText())
        .isEqualTo("41");
  }
}
