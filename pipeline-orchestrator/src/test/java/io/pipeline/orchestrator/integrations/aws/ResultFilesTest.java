package io.pipeline.orchestrator.integrations.aws;

import static io.pipeline.orchestrator.integrations.aws.CsvItemsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files a Map's ResultWriter writes: Step Functions' layout, from what the engine gives. */
class ResultFilesTest {

  private static final JsonNode NO_EXECUTIONS = MissingNode.getInstance();

  private static final String ARN = "arn:aws:states:us-east-1:000000000000:mapRun:m/Map:id-1";

  @Test
  void shouldWriteSucceededAndFailedFilesAndAManifestNamingThemWithTheirSizes() {
    // when
    ResultFiles.Layout layout =
        ResultFiles.of(
            json("[{\"n\": 1}, null, \"two\"]"),
            NO_EXECUTIONS,
            ResultFiles.WriterConfig.DEFAULT,
            "results",
            "runs/id-1",
            ARN,
            1024);

    // then
    assertThat(layout.files())
        .extracting(ResultFiles.File::key)
        .containsExactly("runs/id-1/FAILED_0.json", "runs/id-1/SUCCEEDED_0.json");
    assertThat(body(layout.files().get(0))).isEqualTo(json("[{\"Status\": \"FAILED\"}]"));
    assertThat(body(layout.files().get(1)))
        .isEqualTo(
            json(
                "[{\"Output\": \"{\\\"n\\\":1}\", \"OutputDetails\": {\"Included\": true},"
                    + " \"Status\": \"SUCCEEDED\"}, {\"Output\": \"\\\"two\\\"\","
                    + " \"OutputDetails\": {\"Included\": true}, \"Status\": \"SUCCEEDED\"}]"));
    assertThat(layout.manifest().key()).isEqualTo("runs/id-1/manifest.json");
    assertThat(body(layout.manifest()))
        .isEqualTo(
            json(
                ("{\"DestinationBucket\": \"results\", \"MapRunArn\": \"%s\", \"ResultFiles\": {"
                        + "\"FAILED\": [{\"Key\": \"runs/id-1/FAILED_0.json\", \"Size\": %d}],"
                        + " \"PENDING\": [],"
                        + " \"SUCCEEDED\": [{\"Key\": \"runs/id-1/SUCCEEDED_0.json\", \"Size\": %d}]}}")
                    .formatted(
                        ARN,
                        layout.files().get(0).body().length,
                        layout.files().get(1).body().length)));
  }

  @Test
  void shouldWriteEachChildExecutionsArnInputErrorAndCauseWhenTheRunHadChildren() {
    // when: the second child succeeded with a null output, the first failed
    ResultFiles.Layout layout =
        ResultFiles.of(
            json("[null, null]"),
            json(
                "[{\"ExecutionArn\": \"arn:aws:states:us-east-1:000000000000:execution:m/Map:c1\","
                    + " \"Input\": {\"id\": 1}, \"Status\": \"FAILED\", \"Error\": \"Bad\","
                    + " \"Cause\": \"row 1\"},"
                    + " {\"ExecutionArn\": \"arn:aws:states:us-east-1:000000000000:execution:m/Map:c2\","
                    + " \"Input\": {\"id\": 2}, \"Status\": \"SUCCEEDED\"}]"),
            ResultFiles.WriterConfig.DEFAULT,
            "results",
            "runs/id-1",
            ARN,
            4096);

    // then
    assertThat(body(layout.files().get(0)))
        .isEqualTo(
            json(
                "[{\"ExecutionArn\": \"arn:aws:states:us-east-1:000000000000:execution:m/Map:c1\","
                    + " \"Name\": \"c1\", \"Input\": \"{\\\"id\\\":1}\","
                    + " \"InputDetails\": {\"Included\": true}, \"Error\": \"Bad\","
                    + " \"Cause\": \"row 1\", \"Status\": \"FAILED\"}]"));
    assertThat(body(layout.files().get(1)).get(0).path("Output").asText()).isEqualTo("null");
    assertThat(body(layout.files().get(1)).get(0).path("Name").asText()).isEqualTo("c2");
  }

  @Test
  void shouldSplitAStatusIntoNumberedFilesBelowTheSize() {
    // given: each NONE entry of a one-digit output is 70 bytes, so two fit in a file
    StringBuilder results = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      results.append(i == 0 ? "" : ",").append(i);
    }
    results.append("]");

    // when
    ResultFiles.Layout layout =
        ResultFiles.of(
            json(results.toString()),
            NO_EXECUTIONS,
            ResultFiles.WriterConfig.DEFAULT,
            "b",
            "f",
            ARN,
            200);

    // then
    assertThat(layout.files())
        .allSatisfy(f -> assertThat(f.body().length).isLessThanOrEqualTo(200));
    assertThat(layout.files())
        .extracting(ResultFiles.File::key)
        .startsWith("f/SUCCEEDED_0.json", "f/SUCCEEDED_1.json");
    List<Integer> outputs =
        layout.files().stream()
            .flatMap(f -> stream(body(f)))
            .map(e -> Integer.parseInt(e.get("Output").asText()))
            .toList();
    assertThat(outputs).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(body(layout.manifest()).path("ResultFiles").path("SUCCEEDED"))
        .hasSize(layout.files().size());
  }

  @Test
  void shouldWriteTheOutputsThemselvesWhenCompactAndSpreadArraysWhenFlatten() {
    // given
    JsonNode results = json("[[1, 2], null, {\"a\": 3}]");

    // when
    ResultFiles.Layout compact =
        ResultFiles.of(
            results,
            NO_EXECUTIONS,
            config("{\"Transformation\": \"COMPACT\"}"),
            "b",
            "f",
            ARN,
            1024);
    ResultFiles.Layout flatten =
        ResultFiles.of(
            results,
            NO_EXECUTIONS,
            config("{\"Transformation\": \"FLATTEN\"}"),
            "b",
            "f",
            ARN,
            1024);

    // then
    assertThat(body(compact.files().get(1))).isEqualTo(json("[[1, 2], {\"a\": 3}]"));
    assertThat(body(flatten.files().get(1))).isEqualTo(json("[1, 2, {\"a\": 3}]"));
    assertThat(body(flatten.files().get(0))).isEqualTo(json("[{\"Status\": \"FAILED\"}]"));
  }

  @Test
  void shouldWriteAValuePerLineWhenTheOutputTypeIsJsonLines() {
    // when
    ResultFiles.Layout layout =
        ResultFiles.of(
            json("[1, {\"a\": 2}]"),
            NO_EXECUTIONS,
            config("{\"OutputType\": \"JSONL\", \"Transformation\": \"COMPACT\"}"),
            "b",
            "f",
            ARN,
            1024);

    // then
    assertThat(layout.files())
        .extracting(ResultFiles.File::key)
        .containsExactly("f/SUCCEEDED_0.jsonl");
    assertThat(new String(layout.files().get(0).body(), StandardCharsets.UTF_8))
        .isEqualTo("1\n{\"a\":2}\n");
  }

  @Test
  void shouldListNoFilesWhenThereAreNoResults() {
    // when
    ResultFiles.Layout layout =
        ResultFiles.of(
            json("[]"), NO_EXECUTIONS, ResultFiles.WriterConfig.DEFAULT, "b", "f", ARN, 1024);

    // then
    assertThat(layout.files()).isEmpty();
    assertThat(body(layout.manifest()).get("ResultFiles"))
        .isEqualTo(json("{\"FAILED\": [], \"PENDING\": [], \"SUCCEEDED\": []}"));
  }

  @Test
  void shouldRefuseAWriterConfigStepFunctionsDoesNotDefine() {
    // when
    TaskFailure failure =
        catchThrowableOfType(TaskFailure.class, () -> config("{\"OutputType\": \"CSV\"}"));

    // then
    assertThat(failure.error()).isEqualTo("States.ResultWriterFailed");
    assertThat(failure.cause()).contains("WriterConfig.OutputType must be one of [JSON, JSONL]");
  }

  private static ResultFiles.WriterConfig config(String json) {
    return ResultFiles.WriterConfig.of(json(json));
  }

  private static JsonNode body(ResultFiles.File file) {
    return json(new String(file.body(), StandardCharsets.UTF_8));
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}
