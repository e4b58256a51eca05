package io.pipeline.orchestrator.runtime;

import io.pipeline.asl.interpreter.Execution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running executions of one stream task, kept in memory between their commands so that a
 * command does not parse the stored snapshot again. An entry counts only for the snapshot text it
 * was stored as: a command whose stored record holds another snapshot (its transaction was aborted
 * and the store rolled back, or the task was restored elsewhere and came back) parses the store's.
 * A snapshot fully describes an execution, so an entry that matches is as good as a parse.
 *
 * <p>An entry is taken out while a command works on it and put back only once the new state is
 * stored; a command that fails half-way leaves nothing behind. Bounded: the least recently stored
 * entries make room, and very large snapshots (a big Map's state) are not kept.
 */
final class LiveExecutions {

  /** At most this many executions per stream task. */
  static final int MAX_ENTRIES = 4_096;

  /** Snapshots longer than this (characters) are parsed each time instead of kept. */
  static final int MAX_SNAPSHOT_CHARS = 256 * 1024;

  private record Live(String snapshot, Execution execution) {}

  private final Map<String, Live> live =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Live> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /**
   * Takes out the execution kept for this ARN if it is the one the store holds.
   *
   * @param storedSnapshot the snapshot text of the stored record
   */
  Optional<Execution> take(String executionArn, String storedSnapshot) {
    Live kept = live.remove(executionArn);
    return kept != null && kept.snapshot().equals(storedSnapshot)
        ? Optional.of(kept.execution())
        : Optional.empty();
  }

  /** Keeps an execution whose state was just stored as this snapshot text. */
  void keep(String executionArn, String storedSnapshot, Execution execution) {
    if (storedSnapshot.length() <= MAX_SNAPSHOT_CHARS) {
      live.put(executionArn, new Live(storedSnapshot, execution));
    } else {
      live.remove(executionArn);
    }
  }

  /** Forgets an execution (it closed). */
  void forget(String executionArn) {
    live.remove(executionArn);
  }

  /** Forgets every execution (the task's stores are being closed or initialised). */
  void clear() {
    live.clear();
  }
}
