package io.pipeline.cli.demo;

import io.pipeline.common.kafka.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records of topics since a mark: the demo marks where each topic ends before it starts, and counts
 * what came after, committed records only ({@code read_committed}; offsets would count transaction
 * markers too). Works the same on the embedded broker and on a cluster others write to.
 */
public final class TopicCounts {

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaSettings kafka;
  private final Map<TopicPartition, Long> marks = new HashMap<>();

  private TopicCounts(KafkaSettings kafka) {
    this.kafka = kafka;
  }

  /** Marks where each of these topics ends now. */
  public static TopicCounts mark(KafkaSettings kafka, List<String> topics) {
    TopicCounts counts = new TopicCounts(kafka);
    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
      for (String topic : topics) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.endOffsets(partitions).forEach(counts.marks::put);
      }
    }
    return counts;
  }

  /** The records of a topic since the mark that match, in partition order. */
  public List<ConsumerRecord<String, byte[]>> since(
      String topic, Predicate<ConsumerRecord<String, byte[]>> matching) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions));
      for (TopicPartition partition : partitions) {
        consumer.seek(partition, marks.getOrDefault(partition, 0L));
      }
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!ends.isEmpty() && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (matching.test(record)) {
            found.add(record);
          }
        }
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
      }
    }
    return found;
  }

  /** How many records of a topic came since the mark. */
  public int count(String topic) {
    return since(topic, r -> true).size();
  }

  /**
   * Waits until {@code done} holds, asking every half second.
   *
   * @throws DemoException naming {@code what} when it does not within the timeout
   */
  public static void await(String what, Duration timeout, BooleanSupplier done) {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new DemoException(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoException("interrupted while waiting for " + what);
      }
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private static KafkaConsumer<String, byte[]> consumer(KafkaSettings kafka) {
    return new KafkaConsumer<>(
        kafka.clientConfig(
            Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false)),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
