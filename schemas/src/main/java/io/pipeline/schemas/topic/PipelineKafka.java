package io.pipeline.schemas.topic;

import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.serde.SchemaCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every service does with Kafka at start-up: create the pipeline's topics that are missing,
 * and publish the schemas it writes with, so that readers of another version can resolve them.
 */
public final class PipelineKafka {

  /** Replication factor of topics the services create. */
  public static final Setting<Optional<Short>> REPLICATION_FACTOR =
      Setting.optionalString(
              "KAFKA_REPLICATION_FACTOR",
              "Replication factor of the topics the pipeline creates; unset for the broker's"
                  + " default.replication.factor.")
          .map(
              text ->
                  text.map(
                      t -> {
                        try {
                          short value = Short.parseShort(t);
                          if (value < 1) {
                            throw new IllegalArgumentException("expected a number of at least 1");
                          }
                          return value;
                        } catch (NumberFormatException e) {
                          throw new IllegalArgumentException("expected a whole number");
                        }
                      }));

  /** The settings read here, for documentation. */
  public static final List<Setting<?>> SETTINGS = List.of(REPLICATION_FACTOR);

  private PipelineKafka() {}

  /**
   * Ensures the pipeline's topics and publishes this build's schemas.
   *
   * @return the schema store serdes should resolve writer schemas from
   */
  public static SchemaTopic prepare(KafkaSettings kafka, Settings settings) {
    SchemaCatalog catalog = SchemaCatalog.builtIn();
    ensure(kafka, settings, new PipelineTopics(catalog).all());
    SchemaTopic schemaTopic = new SchemaTopic(kafka.clientConfig(Map.of()), catalog);
    schemaTopic.publish(catalog.schemas());
    return schemaTopic;
  }

  /**
   * Ensures these topics exist with their partitions and configs, and that each partition has a
   * leader (a new topic's first writes could be lost otherwise: KAFKA-15591).
   */
  public static void ensure(KafkaSettings kafka, Settings settings, List<Topic<?, ?>> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
      new TopicAdmin(admin).ensure(topics, settings.get(REPLICATION_FACTOR));
    }
  }
}
