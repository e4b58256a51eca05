package io.pipeline.orchestrator.runtime;

import io.pipeline.asl.interpreter.ChildExecutions;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed state machine revisions executions are pinned to, parsed once per revision. A revision
 * written by another instance may reach this instance's registry view a moment after a command that
 * needs it: the lookup waits that moment out.
 */
public final class Definitions {

  /** A revision is parsed once; this many stay parsed. */
  private static final int CACHED = 256;

  /** How long a revision may take to reach this instance's view of the state machines. */
  public static final Duration VIEW_LAG = Duration.ofSeconds(10);

  /** Where revisions are found: the state machine registry's view. */
  @FunctionalInterface
  public interface Revisions {
    Optional<StateMachineRecord> revision(String stateMachineArn, String revisionId);
  }

  /** What an execution runs. */
  public record Pinned(StateMachineRecord record, StateMachine machine) {}

  private final Revisions registry;
  private final Duration viewLag;
  private final Map<String, Pinned> parsed =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pinned> eldest) {
          return size() > CACHED;
        }
      };

  /**
   * @param registry where revisions are found
   * @param viewLag how long to wait for a revision the view does not hold yet
   */
  public Definitions(Revisions registry, Duration viewLag) {
    this.registry = registry;
    this.viewLag = viewLag;
  }

  /** The revision, or empty when no such state machine revision exists. */
  public Optional<Pinned> revision(String stateMachineArn, String revisionId) {
    return revision(stateMachineArn, revisionId, null);
  }

  /**
   * What an execution of a revision runs: the whole state machine, or for a Map Run's child the
   * item processor its path leads to ({@link ChildExecutions#processor}).
   *
   * @param processorPath the Map state's path in the revision, or null for the whole machine
   */
  public Optional<Pinned> revision(
      String stateMachineArn, String revisionId, List<String> processorPath) {
    String key =
        stateMachineArn
            + ":"
            + revisionId
            + (processorPath == null ? "" : "#" + String.join("\u0000", processorPath));
    Pinned cached;
    synchronized (parsed) {
      cached = parsed.get(key);
    }
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<StateMachineRecord> record = awaitRevision(stateMachineArn, revisionId);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    StateMachine machine =
        DefinitionParser.parse(record.get().getDefinition())
            .stateMachine()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the stored definition of " + key + " does not parse any more"));
    if (processorPath != null) {
      machine = ChildExecutions.processor(machine, processorPath);
    }
    Pinned pinned = new Pinned(record.get(), machine);
    synchronized (parsed) {
      parsed.put(key, pinned);
    }
    return Optional.of(pinned);
  }

  private Optional<StateMachineRecord> awaitRevision(String arn, String revisionId) {
    long deadline = System.nanoTime() + viewLag.toNanos();
    while (true) {
      Optional<StateMachineRecord> record = registry.revision(arn, revisionId);
      if (record.isPresent() || System.nanoTime() > deadline) {
        return record;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }
}
