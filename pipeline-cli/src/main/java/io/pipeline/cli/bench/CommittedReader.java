package io.pipeline.cli.bench;

import io.pipeline.common.kafka.KafkaSettings;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Consumers of every partition of a topic that read committed records only, as soon as they are.
 */
final class CommittedReader {

  /** Where a reader starts. */
  enum From {
    /** The topic's first records. */
    BEGINNING,
    /** The records written after the reader was made. */
    END
  }

  private CommittedReader() {}

  /** A consumer assigned every partition of the topic, positioned at {@code from}. */
  static KafkaConsumer<String, byte[]> of(KafkaSettings kafka, String topic, From from) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(
                Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    10)),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    if (from == From.BEGINNING) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      // Resolve the end now: a record written after this returns is past it.
      partitions.forEach(consumer::position);
    }
    return consumer;
  }
}
