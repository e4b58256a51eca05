package io.pipeline.asl.interpreter;

import java.util.List;

/**
 * What handling one command produced.
 *
 * @param events the history events, in order
 * @param effects what the runtime must do next
 */
public record Step(List<HistoryEvent> events, List<Effect> effects) {

  public Step {
    events = List.copyOf(events);
    effects = List.copyOf(effects);
  }
}
