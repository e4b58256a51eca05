package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.runtime.StandardRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A listing over every partition of the Standard runtime: each instance lists the partitions it
 * owns (this one directly, the others through the peer endpoint, {@link Peers}), and their parts
 * are merged into one page in the listing's order. Each part is a page of its own partitions, so
 * the merged page is the first {@code max} of them all, and "more" when any part had more or the
 * merge cut some.
 */
final class PartitionedListing {

  /**
   * A merged page.
   *
   * @param items the items, in order, at most the page's size
   * @param more whether more items follow them
   */
  record Page(List<JsonNode> items, boolean more) {}

  private PartitionedListing() {}

  /**
   * Asks every instance for its part and merges the parts.
   *
   * @param runtime which instance owns which partitions
   * @param peers asks the other instances
   * @param peerAction the internal action that lists partitions
   * @param request the part's request, without partitions (added per instance)
   * @param here lists this instance's partitions for a part's request
   * @param itemsField the field of a part's answer that holds its items
   * @param order the listing's order
   * @param max the page's size
   */
  static CompletableFuture<Page> gather(
      StandardRuntime runtime,
      Peers peers,
      String peerAction,
      ObjectNode request,
      Function<JsonNode, JsonNode> here,
      String itemsField,
      Comparator<JsonNode> order,
      int max) {
    List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
    for (Map.Entry<HostInfo, Set<Integer>> host : runtime.partitionsByHost().entrySet()) {
      ObjectNode part = request.deepCopy();
      ArrayNode partitions = part.putArray("partitions");
      host.getValue().forEach(partitions::add);
      answers.add(
          runtime.isSelf(host.getKey())
              ? CompletableFuture.completedFuture(here.apply(part))
              : peers.call(host.getKey(), peerAction, -1, part));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                merge(
                    answers.stream().map(CompletableFuture::join).toList(),
                    itemsField,
                    order,
                    max));
  }

  private static Page merge(
      List<JsonNode> answers, String itemsField, Comparator<JsonNode> order, int max) {
    List<JsonNode> items = new ArrayList<>();
    boolean more = false;
    for (JsonNode answer : answers) {
      answer.get(itemsField).forEach(items::add);
      more |= answer.path("more").asBoolean();
    }
    items.sort(order);
    more |= items.size() > max;
    return new Page(List.copyOf(items.subList(0, Math.min(max, items.size()))), more);
  }
}
