package io.pipeline.cli.bench;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.topic.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/** What the benchmarks do before they measure: their own topics, their applications running. */
final class BenchTopics {

  private BenchTopics() {}

  /** Creates the topics and waits until each partition has a leader (KAFKA-15591). */
  static void create(KafkaSettings kafka, int partitions, String... names) throws Exception {
    try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
      admin
          .createTopics(
              List.of(names).stream()
                  .map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty()))
                  .toList())
          .all()
          .get();
      new TopicAdmin(admin).awaitLeaders(List.of(names));
    }
  }

  /**
   * Writes {@code records} records to a topic and waits until Kafka has them all: a measurement's
   * load, written before the application it loads starts.
   */
  static void write(
      KafkaSettings kafka,
      String clientId,
      String topic,
      int records,
      IntFunction<String> key,
      IntFunction<byte[]> value) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig(clientId, Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, key.apply(i), value.apply(i)));
      }
      producer.flush();
    }
  }

  /**
   * Starts an application and waits until it runs.
   *
   * @return when it began to run, in {@link System#nanoTime} (it may process records before this
   *     method returns): where a measurement on records written beforehand starts
   */
  static long startRunning(KafkaStreams streams) throws InterruptedException {
    AtomicLong running = new AtomicLong();
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.compareAndSet(0, System.nanoTime());
          }
        });
    streams.start();
    awaitRunning(streams);
    return running.get();
  }

  /** Waits until a Kafka Streams application runs, failing if it cannot. */
  static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      KafkaStreams.State state = streams.state();
      if (System.nanoTime() > deadline
          || !state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
        throw new IllegalStateException("the benchmark's application is " + state);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
