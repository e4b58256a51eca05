package io.pipeline.orchestrator.machines;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.orchestrator.ActivityRecord;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The activities every instance sees: a {@link CompactedCatalog} of the topic {@value
 * PipelineTopics#ACTIVITIES}, keyed by ARN. An activity's tasks are on the topic {@code
 * pipeline.activity.<name>}, which the caller creates before the activity (see {@code
 * ActivityTopics}).
 */
public final class ActivityRegistry implements AutoCloseable {

  private final String arnPrefix;
  private final Clock clock;
  private final CompactedCatalog<ActivityRecord> catalog;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param region and {@code account}: the ARNs' region and account
   * @param clock the time of creations
   */
  public ActivityRegistry(
      KafkaSettings kafka, PipelineTopics topics, String region, String account, Clock clock) {
    this.arnPrefix = "arn:aws:states:" + region + ":" + account + ":activity:";
    this.clock = clock;
    this.catalog = new CompactedCatalog<>(kafka, topics.activities(), "activity-registry");
  }

  /**
   * Checks a name, and gives the ARN an activity of that name has.
   *
   * @throws InvalidNameException when the name is not 1 to 80 letters, digits, '-' or '_'
   */
  public String arnOf(String name) {
    ResourceNames.check("Activity", name);
    return arnPrefix + name;
  }

  /**
   * Creates an activity, or returns the one of that name (CreateActivity is idempotent so in Step
   * Functions).
   *
   * @throws InvalidNameException when the name is not 1 to 80 letters, digits, '-' or '_'
   */
  public ActivityRecord create(String name) {
    String arn = arnOf(name);
    Optional<ActivityRecord> existing = describe(arn);
    if (existing.isPresent()) {
      return existing.get();
    }
    ActivityRecord record = new ActivityRecord(arn, name, clock.instant());
    catalog.write(List.of(new CompactedCatalog.Change<>(arn, record)));
    return record;
  }

  /** The activity of this ARN. */
  public Optional<ActivityRecord> describe(String arn) {
    return catalog.get(arn);
  }

  /** Every activity, in ARN order. */
  public List<ActivityRecord> list() {
    return List.copyOf(catalog.all().values());
  }

  /**
   * Deletes an activity; deleting one that does not exist changes nothing. Tasks already on its
   * topic stay there for workers of the library that still read it.
   */
  public void delete(String arn) {
    if (describe(arn).isPresent()) {
      catalog.write(List.of(CompactedCatalog.Change.remove(arn)));
    }
  }

  @Override
  public void close() {
    catalog.close();
  }
}
