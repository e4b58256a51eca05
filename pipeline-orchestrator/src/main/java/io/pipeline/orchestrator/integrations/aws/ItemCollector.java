package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.function.Supplier;

/**
 * The items an ItemReader gives, gathered as they are read: at most {@code ReaderConfig}'s {@code
 * MaxItems}; and, since the items travel to the execution as one Kafka record and live in its state
 * with an iteration each, at most a number of items and of bytes of JSON this orchestrator accepts,
 * past which the read fails.
 */
final class ItemCollector {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArrayNode items = JsonNodeFactory.instance.arrayNode();
  private final long maxItems;
  private final int limitItems;
  private final long maxBytes;
  private long bytes = 2;

  /**
   * @param maxItems the most items wanted ({@code MaxItems}): reading stops there
   * @param limitItems the most items accepted: one more fails the read
   * @param maxBytes the most bytes of JSON the items may take, brackets and commas included
   */
  ItemCollector(long maxItems, int limitItems, long maxBytes) {
    this.maxItems = maxItems;
    this.limitItems = limitItems;
    this.maxBytes = maxBytes;
  }

  /** Whether no more items are wanted: {@code MaxItems} are there. */
  boolean full() {
    return items.size() >= maxItems;
  }

  /**
   * Adds an item.
   *
   * @param where where the item was read, for the failure, e.g. {@code line 12 of s3://b/k}
   * @throws io.pipeline.orchestrator.integrations.TaskFailure {@code States.ItemReaderFailed} when
   *     the items would pass a limit
   */
  void add(JsonNode item, Supplier<String> where) {
    if (items.size() >= limitItems) {
      throw ItemReaderFailures.failed(
          "There are more than "
              + limitItems
              + " items (item "
              + (items.size() + 1)
              + " is "
              + where.get()
              + "), the most this orchestrator gives a Map at once: set ReaderConfig.MaxItems,"
              + " or split the data");
    }
    long size = jsonBytes(item) + (items.isEmpty() ? 0 : 1);
    if (bytes + size > maxBytes) {
      throw ItemReaderFailures.failed(
          "The items read pass "
              + maxBytes
              + " bytes of JSON at item "
              + (items.size() + 1)
              + " ("
              + where.get()
              + "), the most this orchestrator gives a Map at once: set ReaderConfig.MaxItems,"
              + " or split the data");
    }
    bytes += size;
    items.add(item);
  }

  /** The items so far. */
  ArrayNode items() {
    return items;
  }

  /** How many bytes of JSON the items take. */
  long bytes() {
    return bytes;
  }

  private static long jsonBytes(JsonNode item) {
    try {
      return JSON.writeValueAsBytes(item).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always has a text", e);
    }
  }
}
