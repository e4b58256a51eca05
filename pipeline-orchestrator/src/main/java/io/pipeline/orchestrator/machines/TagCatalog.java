package io.pipeline.orchestrator.machines;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.orchestrator.ResourceTags;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tags of state machines and activities, every instance seeing all of them: a {@link
 * CompactedCatalog} of the topic {@value PipelineTopics#TAGS}, keyed by the resource's ARN. Each
 * entry names the creation time of the resource it belongs to, so tags left behind by a deleted
 * resource never show on a new one of the same ARN. The rules (how many, how long) are the API's.
 */
public final class TagCatalog implements AutoCloseable {

  private final CompactedCatalog<ResourceTags> catalog;

  public TagCatalog(KafkaSettings kafka, PipelineTopics topics) {
    this.catalog = new CompactedCatalog<>(kafka, topics.tags(), "tag-catalog");
  }

  /**
   * The tags of a resource, by key.
   *
   * @param createdAt when the resource was created
   */
  public SortedMap<String, String> tags(String arn, Instant createdAt) {
    return current(arn, createdAt)
        .map(entry -> new TreeMap<>(entry.getTags()))
        .orElseGet(TreeMap::new);
  }

  /** Replaces the tags of a resource (none: removes its entry). */
  public void put(String arn, Instant createdAt, Map<String, String> tags) {
    catalog.write(
        List.of(
            tags.isEmpty()
                ? CompactedCatalog.Change.remove(arn)
                : new CompactedCatalog.Change<>(
                    arn, new ResourceTags(arn, createdAt, Map.copyOf(tags)))));
  }

  /**
   * The tags a resource is created with: written unless the resource already has an entry (a
   * repeated, idempotent create leaves the first one's tags, as Step Functions does). Tags left by
   * an earlier resource of the same ARN are replaced.
   */
  public void created(String arn, Instant createdAt, Map<String, String> tags) {
    boolean stale = catalog.get(arn).isPresent() && current(arn, createdAt).isEmpty();
    if (current(arn, createdAt).isEmpty() && (stale || !tags.isEmpty())) {
      put(arn, createdAt, tags);
    }
  }

  /** Removes the tags of a deleted resource. */
  public void removed(String arn) {
    if (catalog.get(arn).isPresent()) {
      catalog.write(List.of(CompactedCatalog.Change.remove(arn)));
    }
  }

  private Optional<ResourceTags> current(String arn, Instant createdAt) {
    // Kafka keeps the time to the millisecond; a resource just created still has its nanoseconds.
    return catalog
        .get(arn)
        .filter(entry -> entry.getResourceCreatedAt().toEpochMilli() == createdAt.toEpochMilli());
  }

  @Override
  public void close() {
    catalog.close();
  }
}
