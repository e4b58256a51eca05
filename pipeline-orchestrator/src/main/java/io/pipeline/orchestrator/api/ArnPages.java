package io.pipeline.orchestrator.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pages of the listings in ARN order (ListStateMachines, ListActivities): a page is the next
 * {@code maxResults} items after the ARN its {@code nextToken} names.
 *
 * @param <T> the items
 */
record ArnPages<T>(String kind, Function<T, String> arnOf) {

  /** One page, and the token of the next when there are more. */
  record Page<T>(List<T> items, Optional<String> nextToken) {}

  /**
   * The page a request asks for.
   *
   * @param all every item, in ARN order
   */
  Page<T> page(List<T> all, com.fasterxml.jackson.databind.JsonNode input) {
    int max = ExecutionActions.pageSize(input);
    Optional<String> after =
        Fields.optional(input, "nextToken")
            .map(token -> PageTokens.read(token, kind, 1, "another action's listing").get(0));
    List<T> rest =
        all.stream()
            .filter(item -> after.isEmpty() || arnOf.apply(item).compareTo(after.get()) > 0)
            .toList();
    List<T> page = rest.subList(0, Math.min(max, rest.size()));
    return new Page<>(
        page,
        rest.size() > max
            ? Optional.of(PageTokens.write(kind, arnOf.apply(page.get(page.size() - 1))))
            : Optional.empty());
  }
}
