package io.pipeline.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the produce endpoint remembers of idempotency keys: per topic and key, where the record was
 * written (or the pending write), for a bounded window and a bounded number of keys. In memory;
 * {@link IdempotencyLog} makes it survive restarts. Thread-safe.
 */
final class IdempotencyStore {

  /**
   * Where a record was written.
   *
   * @param partition the partition
   * @param offset the offset in it
   */
  record Position(int partition, long offset) {}

  /** The answer to a claim: write the record, or answer as the first write was answered. */
  sealed interface Claim {
    /** The key is new: write the record, then complete the promise (or fail it to forget). */
    record Fresh(CompletableFuture<Position> promise) implements Claim {}

    /** The key was written or is being written: this is its position once known. */
    record Known(CompletableFuture<Position> position) implements Claim {}
  }

  private record Entry(CompletableFuture<Position> position, long since) {}

  private final Duration window;
  private final int maxKeys;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param window how long a key is remembered
   * @param maxKeys how many keys are remembered at most; the oldest go first
   * @param clock the time keys are remembered from
   */
  IdempotencyStore(Duration window, int maxKeys, Clock clock) {
    this.window = window;
    this.maxKeys = maxKeys;
    this.clock = clock;
  }

  /** The id of a key in the store and in the log: the topic, a slash, the key. */
  static String id(String topic, String key) {
    // Kafka topic names never contain '/', so the id is unambiguous.
    return topic + "/" + key;
  }

  /** Claims a key for a record about to be written, unless it was written already. */
  synchronized Claim claim(String topic, String key) {
    long now = clock.millis();
    expire(now);
    String id = id(topic, key);
    Entry known = entries.get(id);
    if (known != null) {
      return new Claim.Known(known.position());
    }
    CompletableFuture<Position> promise = new CompletableFuture<>();
    put(id, new Entry(promise, now));
    // A failed write is forgotten, so that a retry writes the record.
    promise.whenComplete(
        (position, error) -> {
          if (error != null) {
            forget(id, promise);
          }
        });
    return new Claim.Fresh(promise);
  }

  /** Remembers a write read back from the log; one older than the window is ignored. */
  synchronized void restore(String id, Position position, long writtenAt) {
    if (clock.millis() - writtenAt < window.toMillis()) {
      entries.remove(id);
      put(id, new Entry(CompletableFuture.completedFuture(position), writtenAt));
    }
  }

  /** Forgets a key (a tombstone in the log). */
  synchronized void remove(String id) {
    entries.remove(id);
  }

  /** How many keys are remembered. */
  synchronized int size() {
    return entries.size();
  }

  private synchronized void forget(String id, CompletableFuture<Position> promise) {
    Entry entry = entries.get(id);
    if (entry != null && entry.position() == promise) {
      entries.remove(id);
    }
  }

  private void put(String id, Entry entry) {
    entries.put(id, entry);
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (entries.size() > maxKeys && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  private void expire(long now) {
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (oldest.hasNext()) {
      Entry entry = oldest.next().getValue();
      if (now - entry.since() < window.toMillis()) {
        return;
      }
      oldest.remove();
    }
  }
}
