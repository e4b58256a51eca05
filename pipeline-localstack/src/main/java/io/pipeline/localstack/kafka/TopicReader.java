package io.pipeline.localstack.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning, committed records only, as every consumer downstream of a
 * transaction must: for tests that check what a service wrote.
 */
public final class TopicReader {

  /** The longest a read of what a topic held when the read started may take. */
  private static final Duration TO_THE_END = Duration.ofMinutes(2);

  private TopicReader() {}

  /**
   * Waits until at least {@code count} of the topic's records match, or the timeout passed, then
   * returns every matching record read after a last {@code settle} period, duplicates included.
   */
  public static List<ConsumerRecord<String, byte[]>> awaitMatching(
      String bootstrapServers,
      String topic,
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> matching,
      int count,
      Duration timeout,
      Duration settle) {
    Instant deadline = Instant.now().plus(timeout);
    List<ConsumerRecord<String, byte[]>> found;
    do {
      found = matching(bootstrapServers, topic, matching, Duration.ofMillis(300));
    } while (found.size() < count && Instant.now().isBefore(deadline));
    return settle.isZero() ? found : matching(bootstrapServers, topic, matching, settle);
  }

  private static List<ConsumerRecord<String, byte[]>> matching(
      String bootstrapServers,
      String topic,
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> matching,
      Duration settle) {
    return read(bootstrapServers, topic, Integer.MAX_VALUE, Duration.ZERO, settle).stream()
        .filter(matching)
        .toList();
  }

  /**
   * Reads everything the topic held when the read started, then until at least {@code count}
   * records arrived or the timeout passed, then keeps reading for {@code settle} more so that
   * unexpected extra records (duplicates) show up too.
   */
  public static List<ConsumerRecord<String, byte[]>> read(
      String bootstrapServers, String topic, int count, Duration timeout, Duration settle) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Everything committed when the read starts is read, however long that takes on a busy
      // machine: a fixed time to read a large topic would return part of it.
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Instant cap = Instant.now().plus(TO_THE_END);
      while (!atEnd(consumer, ends) && Instant.now().isBefore(cap)) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      Instant deadline = Instant.now().plus(timeout);
      while (records.size() < count && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      Instant settled = Instant.now().plus(settle);
      while (Instant.now().isBefore(settled)) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }
}
