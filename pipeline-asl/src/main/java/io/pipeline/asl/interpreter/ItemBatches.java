package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.path.PathScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Map state's {@code ItemBatcher}: groups the items, each iteration getting {@code {"Items":
 * [...], "BatchInput": ...}}, bounded by item count and by bytes.
 */
final class ItemBatches {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ItemBatches() {}

  static List<JsonNode> of(
      JsonNode batcher,
      List<JsonNode> items,
      PathScope scope,
      Execution execution,
      Frame frame,
      JsonataStates jsonata,
      boolean isJsonata) {
    long maxItems =
        limit(batcher, "MaxItemsPerBatch", scope, frame, jsonata, isJsonata).orElse(Long.MAX_VALUE);
    long maxBytes =
        limit(batcher, "MaxInputBytesPerBatch", scope, frame, jsonata, isJsonata)
            .orElse(Long.MAX_VALUE);
    Optional<JsonNode> batchInput =
        Optional.ofNullable(batcher.get("BatchInput"))
            .map(
                b ->
                    isJsonata
                        ? jsonata.field(frame, b, "BatchInput")
                        : Payloads.template(b, scope, execution.random));
    List<JsonNode> batches = new ArrayList<>();
    ArrayNode current = NODES.arrayNode();
    long bytes = 0;
    for (JsonNode item : items) {
      long size = item.toString().getBytes(StandardCharsets.UTF_8).length;
      if (!current.isEmpty() && (current.size() >= maxItems || bytes + size > maxBytes)) {
        batches.add(batch(current, batchInput));
        current = NODES.arrayNode();
        bytes = 0;
      }
      current.add(item);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(batch(current, batchInput));
    }
    return batches;
  }

  private static JsonNode batch(ArrayNode items, Optional<JsonNode> batchInput) {
    ObjectNode batch = NODES.objectNode();
    batchInput.ifPresent(b -> batch.set("BatchInput", b));
    batch.set("Items", items);
    return batch;
  }

  private static Optional<Long> limit(
      JsonNode batcher,
      String field,
      PathScope scope,
      Frame frame,
      JsonataStates jsonata,
      boolean isJsonata) {
    JsonNode value = batcher.get(field);
    if (value != null && isJsonata && value.isTextual()) {
      value = jsonata.field(frame, value, field);
    }
    if (value == null && batcher.has(field + "Path")) {
      String path = batcher.get(field + "Path").asText();
      value =
          scope
              .read(path)
              .orElseThrow(
                  () ->
                      StateFailure.runtime(
                          "The "
                              + field
                              + "Path field does not reference an input value: "
                              + path));
    }
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || value.asLong() < 1) {
      throw StateFailure.runtime("The " + field + " must be a positive integer, but was: " + value);
    }
    return Optional.of(value.asLong());
  }
}
