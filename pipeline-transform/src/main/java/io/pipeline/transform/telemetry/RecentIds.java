package io.pipeline.transform.telemetry;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which reading ids may have been seen, in Bloom filters by event time: "no" is certain, "maybe"
 * sends the deduplicator to its store. Nearly every reading is new, so nearly every reading skips
 * the store's range fetch. Ids are filed in buckets of one window of event time, each a list of
 * filters that grows by one filter whenever the last is full, so the false-positive rate stays near
 * {@value #FALSE_POSITIVES} whatever the rate of readings. A bucket is dropped once stream time is
 * past every fetch that could reach it.
 *
 * <p>Not thread-safe: one per stream task, filled from the task's store when the task starts.
 */
final class RecentIds {

  static final double FALSE_POSITIVES = 0.01;

  /** Ids per filter: about 120 KB each at 1% false positives. */
  static final int IDS_PER_FILTER = 100_000;

  private static final HashFunction FINGERPRINT = Hashing.farmHashFingerprint64();

  private final long window;
  private final NavigableMap<Long, List<BloomFilter<Long>>> buckets = new TreeMap<>();
  private long latest = Long.MIN_VALUE;

  /**
   * @param windowMillis how far, before and after a reading's event time, its id counts as seen
   */
  RecentIds(long windowMillis) {
    this.window = windowMillis;
  }

  /** The key an id is filed under. */
  static long key(String id) {
    return FINGERPRINT.hashUnencodedChars(id).asLong();
  }

  /** Whether the id may have been added with a time within the window around {@code time}. */
  boolean mightContain(long id, long time) {
    for (List<BloomFilter<Long>> filters :
        buckets.subMap(bucket(time - window), true, bucket(time + window), true).values()) {
      for (BloomFilter<Long> filter : filters) {
        if (filter.mightContain(id)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Files an id seen at {@code time}, and forgets buckets no window can reach any more. */
  void add(long id, long time) {
    List<BloomFilter<Long>> filters = buckets.computeIfAbsent(bucket(time), b -> new ArrayList<>());
    if (filters.isEmpty()
        || filters.get(filters.size() - 1).approximateElementCount() >= IDS_PER_FILTER) {
      filters.add(BloomFilter.create(Funnels.longFunnel(), IDS_PER_FILTER, FALSE_POSITIVES));
    }
    filters.get(filters.size() - 1).put(id);
    if (time > latest) {
      latest = time;
      // The store keeps ids for twice the window after stream time; a reading that late looks a
      // window further back. Past that, neither the store nor a fetch reaches a bucket.
      buckets.headMap(bucket(latest - 4 * window), false).clear();
    }
  }

  /** Buckets held, for tests. */
  int buckets() {
    return buckets.size();
  }

  private long bucket(long time) {
    return Math.floorDiv(time, window);
  }
}
