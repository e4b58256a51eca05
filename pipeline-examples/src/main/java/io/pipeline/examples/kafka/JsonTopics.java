package io.pipeline.examples.kafka;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.Topic;
import io.pipeline.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The examples' topics: string keys and JSON text values, as a Task's Kafka produce writes them and
 * {@code ./pipeline consume} prints them.
 */
public final class JsonTopics {

  /** Partitions of every example topic. */
  public static final int PARTITIONS = 3;

  private JsonTopics() {}

  /** A compacted topic: the latest record of each key is the state of that key. */
  public static Topic<String, String> compacted(String name) {
    return new Topic<>(
        name, Serdes.String(), Serdes.String(), Optional.empty(), TopicSpec.compacted(PARTITIONS));
  }

  /** A topic of events, kept by time. */
  public static Topic<String, String> events(String name) {
    return new Topic<>(
        name, Serdes.String(), Serdes.String(), Optional.empty(), TopicSpec.retained(PARTITIONS));
  }

  /**
   * Creates the topics that are missing and waits until each partition has a leader (the broker's
   * default replication factor).
   */
  public static void ensure(KafkaSettings kafka, List<Topic<String, String>> topics) {
    PipelineKafka.ensure(kafka, Settings.of(Map.of()), List.copyOf(topics));
  }
}
