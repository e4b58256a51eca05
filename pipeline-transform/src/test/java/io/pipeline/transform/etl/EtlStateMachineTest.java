package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.Command;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.asl.interpreter.Execution;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.Step;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example state machine, parsed by the project's ASL parser and run by its engine, the workers'
 * and Kafka's answers given by hand: each route of the Choice, Retry on transient errors only, and
 * the failure report.
 */
class EtlStateMachineTest {

  static final Path DEFINITION = Path.of("../examples/s3-batch-etl/etl.asl.json");
  private static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:";
  private static final String PRODUCE = "arn:aws:states:::kafka:produce";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT =
      """
      {"eventId": "e-1", "eventName": "ObjectCreated:Put", "bucket": "landing",
       "key": "incoming/orders.csv", "size": 120, "etag": "abc"}
      """;

  @Test
  void shouldParseWithoutAnyDiagnosticWhenReadByTheProjectsParser() throws Exception {
    // when
    ParseResult parsed = DefinitionParser.parse(Files.readString(DEFINITION));

    // then
    assertThat(parsed.diagnostics()).isEmpty();
    assertThat(parsed.isValid()).isTrue();
  }

  @Test
  void shouldValidateTransformCatalogAndReportLoadedWhenObjectIsCsv() throws Exception {
    // given
    Run run = Run.start(EVENT);

    // when
    Effect.ScheduleTask validate = run.task();
    run.complete(validation("LOAD", "CSV"));
    Effect.ScheduleTask transform = run.task();
    run.complete(json("{\"source\": {\"bucket\": \"landing\"}, \"rows\": {\"good\": 4}}"));
    Effect.ScheduleTask catalog = run.task();
    run.complete(json("{\"manifestKey\": \"catalog/orders.csv.manifest.json\"}"));
    Effect.ScheduleTask report = run.task();
    run.complete(json("{\"Topic\": \"pipeline.etl.loads\"}"));

    // then
    assertThat(validate.resource()).isEqualTo(ACTIVITY + EtlWorkers.VALIDATE);
    assertThat(validate.input()).isEqualTo(json(EVENT));
    assertThat(transform.resource()).isEqualTo(ACTIVITY + EtlWorkers.TRANSFORM);
    assertThat(transform.input().path("format").asText()).isEqualTo("CSV");
    assertThat(transform.input().path("object")).isEqualTo(validation("LOAD", "CSV"));
    assertThat(catalog.resource()).isEqualTo(ACTIVITY + EtlWorkers.CATALOG);
    assertThat(catalog.input().path("rows").path("good").asInt()).isEqualTo(4);
    assertThat(report.resource()).isEqualTo(PRODUCE);
    assertThat(report.input().path("Topic").asText()).isEqualTo("pipeline.etl.loads");
    assertThat(report.input().path("Key").asText()).isEqualTo("landing/incoming/orders.csv");
    assertThat(report.input().path("Value").path("status").asText()).isEqualTo("LOADED");
    assertThat(report.input().path("Value").path("manifest").path("manifestKey").asText())
        .isEqualTo("catalog/orders.csv.manifest.json");
    assertThat(run.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.execution.output())
        .hasValue(json("{\"manifestKey\": \"catalog/orders.csv.manifest.json\"}"));
  }

  @Test
  void shouldTransformAsJsonLinesWhenValidateSaysJsonl() throws Exception {
    // given
    Run run = Run.start(EVENT);

    // when
    run.complete(validation("LOAD", "JSONL"));

    // then
    assertThat(run.task().resource()).isEqualTo(ACTIVITY + EtlWorkers.TRANSFORM);
    assertThat(run.task().input().path("format").asText()).isEqualTo("JSONL");
  }

  @Test
  void shouldReportSkippedAndSucceedWhenValidateSaysSkip() throws Exception {
    // given
    Run run = Run.start(EVENT);

    // when
    run.complete(validation("SKIP", null));
    Effect.ScheduleTask report = run.task();
    run.complete(json("{\"Topic\": \"pipeline.etl.loads\"}"));

    // then
    assertThat(report.resource()).isEqualTo(PRODUCE);
    assertThat(report.input().path("Value").path("status").asText()).isEqualTo("SKIPPED");
    assertThat(report.input().path("Value").path("reason").asText()).isEqualTo("already loaded");
    assertThat(run.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void shouldRetryValidateWhenS3IsUnavailable() throws Exception {
    // given
    Run run = Run.start(EVENT);

    // when
    run.fail(EtlErrors.S3_UNAVAILABLE, "503 Slow Down");
    Effect.ArmTimer backoff = run.timer();
    run.fire(backoff);

    // then
    assertThat(run.task().resource()).isEqualTo(ACTIVITY + EtlWorkers.VALIDATE);
    assertThat(run.execution.status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void shouldRetryTransformWhenKafkaIsUnavailableOrTheLoadWasFenced() throws Exception {
    for (String error : List.of(EtlErrors.KAFKA_UNAVAILABLE, EtlErrors.LOAD_FENCED)) {
      // given
      Run run = Run.start(EVENT);
      run.complete(validation("LOAD", "CSV"));

      // when
      run.fail(error, "try again");
      run.fire(run.timer());

      // then
      assertThat(run.task().resource()).as(error).isEqualTo(ACTIVITY + EtlWorkers.TRANSFORM);
    }
  }

  @Test
  void shouldReportFailureAndFailWithTheErrorWhenObjectIsInvalid() throws Exception {
    // given
    Run run = Run.start(EVENT);

    // when
    run.fail(EtlErrors.INVALID_OBJECT, "s3://landing/incoming/orders.csv is empty");
    Effect.ScheduleTask report = run.task();
    run.complete(json("{\"Topic\": \"pipeline.etl.loads\"}"));

    // then
    assertThat(report.resource()).isEqualTo(PRODUCE);
    assertThat(report.input().path("Value"))
        .isEqualTo(
            json(
                """
                {"status": "FAILED", "bucket": "landing", "key": "incoming/orders.csv",
                 "executionArn": "arn:aws:states:us-east-1:000000000000:execution:etl:e-1",
                 "error": "Etl.InvalidObject",
                 "cause": "s3://landing/incoming/orders.csv is empty"}
                """));
    assertThat(run.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.execution.error()).hasValue(EtlErrors.INVALID_OBJECT);
    assertThat(run.execution.cause()).hasValue("s3://landing/incoming/orders.csv is empty");
  }

  @Test
  void shouldReportFailureWhenTransformFailsForGood() throws Exception {
    // given
    Run run = Run.start(EVENT);
    run.complete(validation("LOAD", "CSV"));

    // when
    run.fail(EtlErrors.OBJECT_CHANGED, "overwritten");

    // then
    assertThat(run.task().resource()).isEqualTo(PRODUCE);
    assertThat(run.task().input().path("Value").path("error").asText())
        .isEqualTo(EtlErrors.OBJECT_CHANGED);
  }

  private static JsonNode validation(String action, String format) throws Exception {
    return json(
        """
        {"action": "%s", "reason": %s, "bucket": "landing", "key": "incoming/orders.csv",
         "etag": "abc", "format": %s}
        """
            .formatted(
                action,
                action.equals("SKIP") ? "\"already loaded\"" : "null",
                format == null ? "null" : "\"" + format + "\""));
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  /** An execution of the definition, driven by hand on a virtual clock. */
  private static final class Run {
    private final Execution execution;
    private Step last;
    private Instant now = Instant.parse("2026-01-05T09:00:00Z");

    private Run(Execution execution) {
      this.execution = execution;
    }

    static Run start(String input) throws Exception {
      ParseResult parsed = DefinitionParser.parse(Files.readString(DEFINITION));
      Run run = new Run(Execution.of(parsed.stateMachine().orElseThrow(), 1L));
      run.last =
          run.execution.handle(
              new Command.StartExecution(
                  json(input), ExecutionIdentity.local("etl", "e-1"), run.now));
      return run;
    }

    Effect.ScheduleTask task() {
      return last.effects().stream()
          .filter(Effect.ScheduleTask.class::isInstance)
          .map(Effect.ScheduleTask.class::cast)
          .reduce((first, second) -> second)
          .orElseThrow(() -> new AssertionError("no task scheduled in " + last));
    }

    Effect.ArmTimer timer() {
      return last.effects().stream()
          .filter(Effect.ArmTimer.class::isInstance)
          .map(Effect.ArmTimer.class::cast)
          .findFirst()
          .orElseThrow(() -> new AssertionError("no timer armed in " + last));
    }

    void complete(JsonNode output) {
      String token = task().token();
      last = execution.handle(new Command.CompleteTask(token, output, tick()));
    }

    void fail(String error, String cause) {
      String token = task().token();
      last = execution.handle(new Command.FailTask(token, error, cause, tick()));
    }

    void fire(Effect.ArmTimer timer) {
      now = timer.dueAt();
      last = execution.handle(new Command.FireTimer(timer.timerId(), timer.dueAt()));
    }

    private Instant tick() {
      now = now.plusSeconds(1);
      return now;
    }
  }
}
