package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An S3 Inventory report's {@code manifest.json}, as far as an ItemReader needs it: the columns of
 * its CSV files ({@code fileSchema}, e.g. {@code "Bucket, Key, Size, LastModifiedDate"}), the
 * bucket the files are in ({@code destinationBucket}, an S3 bucket ARN) and their keys. Step
 * Functions reads CSV inventories only.
 *
 * @param columns the names of the files' columns
 * @param bucket the files' bucket, when the manifest names it
 * @param keys the files' keys, in order
 */
record InventoryManifest(List<String> columns, Optional<String> bucket, List<String> keys) {

  InventoryManifest {
    columns = List.copyOf(columns);
    keys = List.copyOf(keys);
  }

  /**
   * Reads a manifest.
   *
   * @param where the manifest, for failures
   * @throws io.pipeline.orchestrator.integrations.TaskFailure {@code States.ItemReaderFailed} when
   *     it is not an inventory manifest of CSV files
   */
  static InventoryManifest of(JsonNode manifest, String where) {
    if (!manifest.isObject()) {
      throw invalid(where, "it is not a JSON object");
    }
    String format = manifest.path("fileFormat").asText("");
    if (!format.equals("CSV")) {
      throw invalid(
          where,
          "its fileFormat is '" + format + "'; Step Functions reads CSV inventory reports only");
    }
    List<String> columns = new ArrayList<>();
    for (String column : manifest.path("fileSchema").asText("").split(",")) {
      if (!column.isBlank()) {
        columns.add(column.strip());
      }
    }
    if (columns.isEmpty()) {
      throw invalid(where, "it has no fileSchema naming the columns");
    }
    JsonNode files = manifest.path("files");
    if (!files.isArray()) {
      throw invalid(where, "it has no array of files");
    }
    List<String> keys = new ArrayList<>();
    for (JsonNode file : files) {
      if (!file.path("key").isTextual()) {
        throw invalid(where, "a file has no key: " + file);
      }
      keys.add(file.get("key").textValue());
    }
    String destination = manifest.path("destinationBucket").asText("");
    Optional<String> bucket =
        destination.startsWith("arn:") && destination.contains(":::")
            ? Optional.of(destination.substring(destination.indexOf(":::") + 3))
            : Optional.empty();
    return new InventoryManifest(columns, bucket, keys);
  }

  private static io.pipeline.orchestrator.integrations.TaskFailure invalid(
      String where, String problem) {
    return ItemReaderFailures.failed(
        where + " is not an S3 Inventory manifest this reader can read: " + problem);
  }
}
