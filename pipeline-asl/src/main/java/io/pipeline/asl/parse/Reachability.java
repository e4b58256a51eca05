package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Finds the states of one state machine that no path from {@code StartAt} reaches. */
final class Reachability {

  private Reachability() {}

  /**
   * The states of {@code states} that no transition from {@code startAt} leads to, following {@code
   * Next}, {@code Default}, the choice rules' {@code Next} and the catchers' {@code Next}.
   *
   * @return their names, in the order of the definition
   */
  static Set<String> unreachable(JsonNode states, String startAt) {
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    pending.add(startAt);
    while (!pending.isEmpty()) {
      String name = pending.poll();
      JsonNode state = states.get(name);
      if (state == null || !reached.add(name)) {
        continue;
      }
      target(state.get("Next"), pending);
      target(state.get("Default"), pending);
      state.path("Choices").forEach(rule -> target(rule.get("Next"), pending));
      state.path("Catch").forEach(catcher -> target(catcher.get("Next"), pending));
    }
    Set<String> unreachable = new LinkedHashSet<>();
    states.fieldNames().forEachRemaining(unreachable::add);
    unreachable.removeAll(reached);
    return unreachable;
  }

  private static void target(JsonNode next, Deque<String> pending) {
    if (next != null && next.isTextual()) {
      pending.add(next.textValue());
    }
  }
}
