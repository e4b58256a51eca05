package io.pipeline.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * S3-triggered batch ETL: orders land under {@code incoming/} of the bucket, each new object starts
 * the {@value #MACHINE} state machine through a trigger rule, and its workers validate the object,
 * load its good rows to {@value #ROWS} (one transaction per object) and a curated Avro file, report
 * the bad rows under {@code quarantine/}, and catalog the load. The same CSV uploaded again starts
 * an execution that finds the manifest and loads nothing.
 */
final class EtlStage {

  static final String MACHINE = "s3-batch-etl";
  static final String ROWS = "pipeline.etl.rows";
  static final String LOADS = "pipeline.etl.loads";

  /** Every how many rows of the generated CSV one is bad. */
  private static final int BAD_EVERY = 50;

  private final DemoContext context;
  private final String run;
  private final int rows;

  /**
   * What was uploaded and what should come of it.
   *
   * @param objects objects uploaded under {@code incoming/}
   * @param goodRows rows that must reach {@value #ROWS}
   * @param badRows rows that must be quarantined
   */
  record Uploaded(int objects, int goodRows, int badRows) {}

  EtlStage(DemoContext context, String run, int rows) {
    this.context = context;
    this.run = run;
    this.rows = rows;
  }

  /** Creates the workers' activities and the state machine. */
  void deploy(Deployer deployer) {
    deployer.activities("etl-validate", "etl-transform", "etl-catalog");
    deployer.stateMachine(MACHINE, "s3-batch-etl/etl.asl.json");
  }

  /** Uploads a generated CSV of orders and the sample JSON lines, and waits for both loads. */
  Uploaded load(Deployer deployer) {
    put("orders.csv", csv().getBytes(StandardCharsets.UTF_8));
    try {
      put("orders.jsonl", Files.readAllBytes(deployer.file("s3-batch-etl/orders.jsonl")));
    } catch (IOException e) {
      throw new DemoException("cannot read the sample JSON lines: " + e.getMessage());
    }
    awaitExecutions(2);
    int bad = rows / BAD_EVERY;
    // The sample has 5 lines of which 2 are bad.
    return new Uploaded(2, rows - bad + 3, bad + 2);
  }

  /** Uploads the same CSV again: its execution must find the manifest and skip the load. */
  void reload() {
    put("orders.csv", csv().getBytes(StandardCharsets.UTF_8));
    awaitExecutions(3);
  }

  private void put(String name, byte[] bytes) {
    String key = "incoming/demo-" + run + "/" + name;
    context.s3().putObject(b -> b.bucket(context.bucket()).key(key), RequestBody.fromBytes(bytes));
  }

  private String csv() {
    StringBuilder csv = new StringBuilder("order_id,customer,amount,currency,ordered_at,coupon\n");
    for (int i = 0; i < rows; i++) {
      String amount = i % BAD_EVERY == BAD_EVERY - 1 ? "n/a" : (10 + i % 490) + ".25";
      csv.append("o-")
          .append(run)
          .append('-')
          .append(i)
          .append(",customer-")
          .append(i % 97)
          .append(',')
          .append(amount)
          .append(",EUR,2026-11-26T08:")
          .append(String.format("%02d", i % 60))
          .append(":00Z,")
          .append(i % 7 == 0 ? "WINTER10" : "")
          .append('\n');
    }
    return csv.toString();
  }

  /** Waits until this many executions of the machine ended, all succeeded. */
  private void awaitExecutions(int count) {
    String arn = context.stateMachineArn(MACHINE);
    TopicCounts.await(
        count + " " + MACHINE + " executions",
        Demo.STAGE_TIMEOUT,
        () -> {
          List<ExecutionListItem> executions =
              context.sfn().listExecutions(b -> b.stateMachineArn(arn)).executions();
          Map<String, Long> byStatus =
              executions.stream()
                  .collect(
                      Collectors.groupingBy(
                          ExecutionListItem::statusAsString, Collectors.counting()));
          long failed =
              executions.size()
                  - byStatus.getOrDefault("SUCCEEDED", 0L)
                  - byStatus.getOrDefault("RUNNING", 0L);
          if (failed > 0) {
            throw new DemoException(
                MACHINE
                    + " executions did not all succeed: "
                    + byStatus
                    + " (aws stepfunctions list-executions --state-machine-arn "
                    + arn
                    + ")");
          }
          return byStatus.getOrDefault("SUCCEEDED", 0L) >= count;
        });
  }
}
