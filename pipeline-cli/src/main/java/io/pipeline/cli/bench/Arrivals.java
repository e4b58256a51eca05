package io.pipeline.cli.bench;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Counts the records of a topic as they arrive, and their latency when they carry a time. */
final class Arrivals implements AutoCloseable {
  private final AtomicLong count = new AtomicLong();
  final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;
  private volatile boolean running = true;

  /** Counts the topic's records, and the latency of the MQTT envelopes stamped with a time. */
  static Arrivals timing(KafkaSettings kafka, Topic<String, MqttMessage> envelopes, String topic) {
    return new Arrivals(kafka, topic, key -> true, Optional.of(envelopes));
  }

  /** Counts the topic's records whose key passes. */
  static Arrivals counting(KafkaSettings kafka, String topic, Predicate<String> keys) {
    return new Arrivals(kafka, topic, keys, Optional.empty());
  }

  private Arrivals(
      KafkaSettings kafka,
      String topic,
      Predicate<String> keys,
      Optional<Topic<String, MqttMessage>> envelopes) {
    KafkaConsumer<String, byte[]> consumer =
        CommittedReader.of(kafka, topic, CommittedReader.From.BEGINNING);
    thread =
        DaemonThreads.named("bench-arrivals")
            .newThread(
                () -> {
                  try (consumer) {
                    while (running) {
                      for (ConsumerRecord<String, byte[]> record :
                          consumer.poll(Duration.ofMillis(50))) {
                        if (!keys.test(record.key())) {
                          continue;
                        }
                        if (envelopes.isEmpty()) {
                          count.incrementAndGet();
                          continue;
                        }
                        MqttMessage message =
                            envelopes
                                .get()
                                .valueSerde()
                                .deserializer()
                                .deserialize(topic, record.value());
                        long published = message.getPayload().duplicate().getLong();
                        if (published > 0) {
                          latencies.add(record.timestamp() - published);
                        }
                        count.incrementAndGet();
                      }
                    }
                  }
                });
    thread.start();
  }

  long count() {
    return count.get();
  }

  void awaitCount(long target, Duration timeout) throws InterruptedException {
    Await.count(count::get, target, timeout, "messages reached Kafka");
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
