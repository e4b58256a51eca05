package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.client.worker.TaskHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data of the Distributed Map tests: a CSV of order rows (some customers quoted, with commas
 * and doubled quotes), the worker that prices a batch of them (refusing chosen rows, which fails
 * their batch), and the check of what the Map's ResultWriter wrote, recomputed from the rows.
 */
final class OrderRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OrderRows() {}

  /**
   * The CSV: a header, then rows with ids 1 to {@code rows}. Each row's note makes its item about
   * 120 bytes of JSON, so 10,000 rows are 1.2 MB, past Kafka's default record size of 1 MiB.
   */
  static String csv(int rows) {
    StringBuilder csv = new StringBuilder("id,customer,quantity,price,note\n");
    for (int id = 1; id <= rows; id++) {
      csv.append(id).append(',').append(quoted(customer(id))).append(',');
      csv.append(quantity(id)).append(',').append(price(id)).append(',');
      csv.append(quoted("order " + id + ", to be left at the front door")).append('\n');
    }
    return csv.toString();
  }

  private static String customer(int id) {
    if (id % 13 == 0) {
      return "The \"Best\" Shop " + id;
    }
    return id % 7 == 0 ? "Smith, Jane " + id : "customer-" + id;
  }

  private static String quoted(String customer) {
    return customer.contains(",") || customer.contains("\"")
        ? "\"" + customer.replace("\"", "\"\"") + "\""
        : customer;
  }

  private static int quantity(int id) {
    return id % 10 + 1;
  }

  private static String price(int id) {
    return (id % 100) + ".50";
  }

  /** What the worker answers for one row. */
  private static ObjectNode priced(int id) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("id", id);
    row.put("customer", customer(id));
    row.put(
        "total", new BigDecimal(price(id)).multiply(BigDecimal.valueOf(quantity(id))).toString());
    return row;
  }

  /**
   * The worker: prices each row of a batch ({@code {"Items": [...]}}, the CSV's fields as strings),
   * or fails the batch when it holds a rejected row.
   */
  static TaskHandler worker(Set<Integer> rejected) {
    return task -> price(task, rejected);
  }

  private static JsonNode price(ActivityTask task, Set<Integer> rejected)
      throws TaskFailedException {
    ArrayNode priced = JsonNodeFactory.instance.arrayNode();
    for (JsonNode row : task.input().get("Items")) {
      int id = Integer.parseInt(row.get("id").asText());
      if (rejected.contains(id)) {
        throw new TaskFailedException("Order.Rejected", "row " + id + " is rejected");
      }
      ObjectNode answer = JsonNodeFactory.instance.objectNode();
      answer.put("id", id);
      answer.put("customer", row.get("customer").asText());
      BigDecimal total =
          new BigDecimal(row.get("price").asText())
              .multiply(new BigDecimal(row.get("quantity").asText()));
      answer.put("total", total.toString());
      priced.add(answer);
    }
    return priced;
  }

  /**
   * Checks what the ResultWriter wrote for batches of {@code batchSize} rows: a SUCCEEDED entry per
   * batch without a rejected row, in order, whose output is the batch priced as recomputed here,
   * and a FAILED entry per batch with one.
   *
   * @param answer the Map's output, {@code {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}}
   */
  static void assertWritten(
      S3Client s3, JsonNode answer, int rows, int batchSize, Set<Integer> rejected) {
    String bucket = answer.path("ResultWriterDetails").path("Bucket").asText();
    JsonNode manifest = read(s3, bucket, answer.path("ResultWriterDetails").path("Key").asText());
    assertThat(manifest.get("MapRunArn")).isEqualTo(answer.get("MapRunArn"));
    List<JsonNode> succeeded = new ArrayList<>();
    for (JsonNode file : manifest.path("ResultFiles").path("SUCCEEDED")) {
      read(s3, bucket, file.get("Key").asText()).forEach(succeeded::add);
    }
    List<JsonNode> failed = new ArrayList<>();
    for (JsonNode file : manifest.path("ResultFiles").path("FAILED")) {
      read(s3, bucket, file.get("Key").asText()).forEach(failed::add);
    }
    List<JsonNode> expected = new ArrayList<>();
    int failedBatches = 0;
    for (int first = 1; first <= rows; first += batchSize) {
      ArrayNode batch = JsonNodeFactory.instance.arrayNode();
      boolean fails = false;
      for (int id = first; id < first + batchSize && id <= rows; id++) {
        fails |= rejected.contains(id);
        batch.add(priced(id));
      }
      if (fails) {
        failedBatches++;
      } else {
        expected.add(batch);
      }
    }
    assertThat(succeeded).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(succeeded.get(i).get("Status").asText()).isEqualTo("SUCCEEDED");
      assertThat(parse(succeeded.get(i).get("Output").asText()))
          .as("batch result %d", i)
          .isEqualTo(expected.get(i));
    }
    assertThat(failed).hasSize(failedBatches);
    assertThat(failed).allSatisfy(e -> assertThat(e.get("Status").asText()).isEqualTo("FAILED"));
    // Each batch ran as a child execution: the entries name it, and a failed one its error.
    assertThat(succeeded)
        .allSatisfy(e -> assertThat(e.path("ExecutionArn").asText()).contains(":execution:"));
    assertThat(failed)
        .allSatisfy(
            e -> {
              assertThat(e.path("Error").asText()).isEqualTo("Order.Rejected");
              assertThat(parse(e.path("Input").asText()).path("Items")).hasSize(batchSize);
            });
  }

  private static JsonNode read(S3Client s3, String bucket, String key) {
    return parse(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Distributed Map: the CSV's rows in batches, priced by the activity, results to S3. */
  static String definition(
      String bucket, String activityArn, int batchSize, int toleratedPercentage) {
    return """
        {"StartAt": "Orders", "States": {
          "Orders": {"Type": "Map",
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
              "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
              "Parameters": {"Bucket": "%1$s", "Key.$": "$.key"}},
            "ItemBatcher": {"MaxItemsPerBatch": %3$d},
            "MaxConcurrency": 10,
            "ToleratedFailurePercentage": %4$d,
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Price", "States": {
                "Price": {"Type": "Task", "Resource": "%2$s", "End": true}}},
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
              "Parameters": {"Bucket": "%1$s", "Prefix": "priced"}},
            "End": true}}}
        """
        .formatted(bucket, activityArn, batchSize, toleratedPercentage);
  }
}
