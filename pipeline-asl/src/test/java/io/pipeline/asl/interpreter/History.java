package io.pipeline.asl.interpreter;

import java.time.Duration;
import java.util.List;

/** Reading a run's history in tests. */
final class History {

  private History() {}

  static List<String> types(LocalRun.Result result) {
    return result.history().stream().map(HistoryEvent::type).toList();
  }

  /** Seconds after the start at which events of a type happened. */
  static List<Long> secondsOf(LocalRun.Result result, String type) {
    return result.history().stream()
        .filter(e -> e.type().equals(type))
        .map(e -> Duration.between(Runs.START, e.timestamp()).toSeconds())
        .toList();
  }
}
