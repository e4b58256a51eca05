package io.pipeline.cli.bench;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.StreamsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The raw rate of a stateful Kafka Streams application with {@code exactly_once_v2}, the limit the
 * Standard runtime is bounded by: a count per key in a persistent, logged store, without the record
 * cache, so each input record is one store update, one changelog record and one output record in a
 * transaction. It runs with the Standard runtime's Streams settings, on as many partitions as the
 * command topic has.
 */
final class RawEosRate {

  private static final int KEYS = 10_000;

  private RawEosRate() {}

  /** A stateful count topology from {@code input} to {@code output}; every node named. */
  static Topology topology(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("records"))
        .groupByKey(Grouped.with("by-key", Serdes.String(), Serdes.ByteArray()))
        .count(Materialized.as("counts"))
        .toStream()
        .to(output, Produced.with(Serdes.String(), Serdes.Long()).withName("counted"));
    return builder.build();
  }

  /**
   * Writes {@code records} records, then starts the application on them and counts the committed
   * outputs: the records are written before it starts, so the sender does not share the cores with
   * what is measured.
   *
   * @param partitions the input's partitions (the command topic's)
   * @param settings Streams settings shared with the Standard runtime
   * @return input records per second, from the application's start (RUNNING) to the last output
   *     committed
   */
  static double measure(
      KafkaSettings kafka,
      String run,
      Path stateDir,
      int partitions,
      int records,
      Map<String, Object> settings)
      throws Exception {
    String input = "bench.eos-in." + run;
    String output = "bench.eos-out." + run;
    BenchTopics.create(kafka, partitions, input, output);
    byte[] value = new byte[100];
    BenchTopics.write(
        kafka, "bench-eos-" + run, input, records, i -> "key-" + (i % KEYS), i -> value);
    Map<String, Object> specific = new HashMap<>(settings);
    specific.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    Properties properties =
        StreamsProperties.exactlyOnce(
            kafka,
            "bench-eos-" + run,
            Optional.of(stateDir.toString()),
            Optional.empty(),
            specific);
    try (KafkaStreams streams = new KafkaStreams(topology(input, output), properties);
        Arrivals outputs = Arrivals.counting(kafka, output, key -> true)) {
      long start = BenchTopics.startRunning(streams);
      outputs.awaitCount(records, Duration.ofMinutes(5));
      return records / ((System.nanoTime() - start) / 1e9);
    }
  }
}
