package io.pipeline.ingest.s3;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the listing bridge has already reported for one bucket: the ETag of each key. Pure logic, no
 * I/O: the bridge feeds it what it lists and what Kafka committed.
 *
 * <p>Listings are lexicographic and can change while being read, so no single position in a listing
 * tells what is new; remembering every key's ETag does.
 */
public final class ListingMemory {

  private final Map<String, String> etagByKey = new HashMap<>();
  private final Set<String> seenThisPass = new HashSet<>();

  /** Remembers a reported object (from the state topic, or after a commit). */
  public void remember(String key, String etag) {
    etagByKey.put(key, etag);
  }

  /** Forgets a key (a tombstone on the state topic, or after a commit). */
  public void forget(String key) {
    etagByKey.remove(key);
  }

  /** The ETag last reported for a key. */
  public Optional<String> etagOf(String key) {
    return Optional.ofNullable(etagByKey.get(key));
  }

  /** How many keys are remembered. */
  public int size() {
    return etagByKey.size();
  }

  /**
   * Takes a page of a listing pass and returns the objects not reported yet: new keys, and keys
   * whose ETag changed (the object was overwritten).
   */
  public List<ListedObject> unreported(List<ListedObject> page) {
    page.forEach(o -> seenThisPass.add(o.key()));
    return page.stream().filter(o -> !etagOf(o.key()).map(o.etag()::equals).orElse(false)).toList();
  }

  /**
   * Ends a complete listing pass and returns the remembered keys it did not show: objects that were
   * deleted. Call it only after every page of the pass was read.
   *
   * @param prefix the prefix the pass listed; keys outside it are not judged
   */
  public List<String> endPass(String prefix) {
    List<String> gone =
        etagByKey.keySet().stream()
            .filter(k -> k.startsWith(prefix) && !seenThisPass.contains(k))
            .sorted()
            .toList();
    seenThisPass.clear();
    return gone;
  }

  /** Drops what a pass that failed midway had seen. */
  public void abandonPass() {
    seenThisPass.clear();
  }
}
