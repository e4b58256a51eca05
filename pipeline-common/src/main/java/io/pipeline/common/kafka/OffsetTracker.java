package io.pipeline.common.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Out-of-order completion over in-order offsets: records of a partition are worked at once and
 * finish in any order; the offset committed is the lowest one still unfinished, so a crash re-runs
 * exactly the unfinished records (and perhaps some finished after them: at least once). A slow
 * record holds back the commit of its partition, never the work on the others. Not thread-safe: the
 * consumer's thread owns it.
 */
public final class OffsetTracker {

  /** One partition: offsets taken and not finished, and the next offset after those seen. */
  private static final class Partition {
    final TreeSet<Long> unfinished = new TreeSet<>();
    long next = -1;
  }

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();
  private int inFlight;

  /** A record was taken for work. */
  public void taken(TopicPartition partition, long offset) {
    Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
    p.unfinished.add(offset);
    p.next = Math.max(p.next, offset + 1);
    inFlight++;
  }

  /** A record's work ended; ignored for a partition no longer tracked (it moved away). */
  public void finished(TopicPartition partition, long offset) {
    Partition p = partitions.get(partition);
    if (p != null && p.unfinished.remove(offset)) {
      inFlight--;
    }
  }

  /** How many records are being worked. */
  public int inFlight() {
    return inFlight;
  }

  /** Per partition, the offset to commit: the lowest unfinished, or the next after all seen. */
  public Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    partitions.forEach(
        (tp, p) -> {
          if (p.next >= 0) {
            offsets.put(
                tp, new OffsetAndMetadata(p.unfinished.isEmpty() ? p.next : p.unfinished.first()));
          }
        });
    return offsets;
  }

  /**
   * Commits what is {@link #committable()} with the consumer: synchronously (before partitions
   * move, on close), or asynchronously, a failed commit being reported and retried by the next.
   */
  public void commit(
      Consumer<?, ?> consumer, boolean sync, java.util.function.Consumer<Exception> failed) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable();
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      consumer.commitSync(offsets);
    } else {
      consumer.commitAsync(
          offsets,
          (committed, failure) -> {
            if (failure != null) {
              failed.accept(failure);
            }
          });
    }
  }

  /** Stops tracking partitions that moved to another consumer. */
  public void forget(Collection<TopicPartition> moved) {
    for (TopicPartition tp : moved) {
      Partition p = partitions.remove(tp);
      if (p != null) {
        inFlight -= p.unfinished.size();
      }
    }
  }
}
