package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
      pending.addAll(targets(state));
    }
    Set<String> unreachable = new LinkedHashSet<>();
    states.fieldNames().forEachRemaining(unreachable::add);
    unreachable.removeAll(reached);
    return unreachable;
  }

  /**
   * The names a state's transitions give: {@code Next}, {@code Default}, the choice rules' {@code
   * Next} and the catchers' {@code Next}, in that order, whether or not such states exist.
   */
  static List<String> targets(JsonNode state) {
    List<String> targets = new ArrayList<>();
    target(state.get("Next"), targets);
    target(state.get("Default"), targets);
    state.path("Choices").forEach(rule -> target(rule.get("Next"), targets));
    state.path("Catch").forEach(catcher -> target(catcher.get("Next"), targets));
    return targets;
  }

  private static void target(JsonNode next, List<String> targets) {
    if (next != null && next.isTextual()) {
      targets.add(next.textValue());
    }
  }
}
