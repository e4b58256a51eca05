package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a Map state's items come from and how they are grouped. */
class MapItemsTest {

  @Test
  void shouldBatchItemsByCountWithBatchInput() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"job.$": "$.job"}},
              "ItemsPath": "$.items",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{\"job\": \"j-1\", \"items\": [1, 2, 3]}");

    assertThat(result.execution().output())
        .hasValue(
            Runs.json(
                "[{\"BatchInput\": {\"job\": \"j-1\"}, \"Items\": [1, 2]},"
                    + " {\"BatchInput\": {\"job\": \"j-1\"}, \"Items\": [3]}]"));
  }

  @Test
  void shouldBatchItemsByBytes() {
    LocalRun.Result result =
        Runs.run(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemBatcher": {"MaxInputBytesPerBatch": 10},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.Items", "End": true}}},
              "End": true}}}
            """,
            "[\"aaaa\", \"bbbb\", \"cccc\"]");

    assertThat(result.execution().output())
        .hasValue(Runs.json("[[\"aaaa\"], [\"bbbb\"], [\"cccc\"]]"));
  }

  @Test
  void shouldAskRuntimeToReadItemsThenMapThem() {
    Runs.Started run =
        Runs.start(
            """
                    {"StartAt": "M", "States": {"M": {"Type": "Map",
                      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                        "ReaderConfig": {"InputType": "JSON"},
                        "Parameters": {"Bucket": "data", "Key.$": "$.key"}},
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                      "End": true}}}
                    """,
            "{\"key\": \"in/items.json\"}");
    Execution execution = run.execution();
    Effect.ScheduleTask read = Runs.scheduled(run.started());

    execution.handle(
        new Command.CompleteTask(read.token(), Runs.json("[{\"a\": 1}, {\"a\": 2}]"), Runs.START));

    assertThat(read.resource()).isEqualTo("arn:aws:states:::s3:getObject");
    assertThat(read.input().get("Parameters"))
        .isEqualTo(Runs.json("{\"Bucket\": \"data\", \"Key\": \"in/items.json\"}"));
    assertThat(execution.output()).hasValue(Runs.json("[{\"a\": 1}, {\"a\": 2}]"));
  }

  @Test
  void shouldFailWithItemReaderFailedWhenReadingFails() {
    Runs.Started run =
        Runs.start(
            """
                    {"StartAt": "M", "States": {"M": {"Type": "Map",
                      "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "gone"}},
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                      "End": true}}}
                    """,
            "{}");
    Execution execution = run.execution();
    Effect.ScheduleTask read = Runs.scheduled(run.started());

    execution.handle(
        new Command.FailTask(read.token(), "S3.NoSuchBucket", "no bucket 'gone'", Runs.START));

    assertThat(execution.error()).hasValue("States.ItemReaderFailed");
    assertThat(execution.cause().orElseThrow())
        .contains("S3.NoSuchBucket")
        .contains("no bucket 'gone'");
  }

  @Test
  void shouldAskRuntimeToWriteResultsAndOutputItsAnswer() {
    Runs.Started run =
        Runs.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                "Parameters": {"Bucket": "results", "Prefix.$": "$.prefix"}},
              "ItemsPath": "$.items",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{\"prefix\": \"run-1\", \"items\": [1, 2]}");
    Execution execution = run.execution();
    Effect.ScheduleTask write = Runs.scheduled(run.started());

    execution.handle(
        new Command.CompleteTask(
            write.token(),
            Runs.json("{\"ResultWriterDetails\": {\"Bucket\": \"results\"}}"),
            Runs.START));

    assertThat(write.input().get("Results")).isEqualTo(Runs.json("[1, 2]"));
    assertThat(write.input().get("Parameters"))
        .isEqualTo(Runs.json("{\"Bucket\": \"results\", \"Prefix\": \"run-1\"}"));
    assertThat(execution.output())
        .hasValue(Runs.json("{\"ResultWriterDetails\": {\"Bucket\": \"results\"}}"));
  }
}
