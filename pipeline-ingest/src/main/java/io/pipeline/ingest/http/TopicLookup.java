package io.pipeline.ingest.http;

import io.pipeline.schemas.json.TopicValueEncoder;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Finds out, without blocking, whether a topic exists, its largest record and how its values are
 * encoded. Answers are kept for a short while, so a burst of requests asks Kafka once; a missing
 * topic is asked again each time, so one created meanwhile is found.
 */
final class TopicLookup {

  /**
   * What the endpoint needs to know of a topic.
   *
   * @param name the topic
   * @param maxMessageBytes its {@code max.message.bytes}
   * @param encoder how JSON values become its record values
   */
  record TopicInfo(String name, int maxMessageBytes, TopicValueEncoder encoder) {}

  private record Cached(TopicInfo info, long until) {}

  private static final Duration KEEP = Duration.ofSeconds(30);

  private final Admin admin;
  private final PipelineTopics topics;
  private final SchemaStore writerSchemas;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  TopicLookup(Admin admin, PipelineTopics topics, SchemaStore writerSchemas, Clock clock) {
    this.admin = admin;
    this.topics = topics;
    this.writerSchemas = writerSchemas;
    this.clock = clock;
  }

  /** The topic, or empty when it does not exist. Completes on an admin client thread. */
  CompletableFuture<Optional<TopicInfo>> find(String name) {
    Cached cached = cache.get(name);
    if (cached != null && clock.millis() < cached.until()) {
      return CompletableFuture.completedFuture(Optional.of(cached.info()));
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
    return admin
        .describeConfigs(List.of(resource))
        .values()
        .get(resource)
        .toCompletionStage()
        .toCompletableFuture()
        .handle(
            (config, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                if (cause instanceof UnknownTopicOrPartitionException) {
                  return Optional.<TopicInfo>empty();
                }
                throw new CompletionException(cause);
              }
              TopicInfo info =
                  new TopicInfo(
                      name,
                      maxMessageBytes(config),
                      TopicValueEncoder.forTopic(name, topics, writerSchemas));
              cache.put(name, new Cached(info, clock.millis() + KEEP.toMillis()));
              return Optional.of(info);
            });
  }

  private static int maxMessageBytes(Config config) {
    ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
    return entry == null || entry.value() == null
        ? Integer.MAX_VALUE
        : Integer.parseInt(entry.value());
  }
}
