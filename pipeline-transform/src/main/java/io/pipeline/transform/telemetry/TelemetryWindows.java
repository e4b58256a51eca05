package io.pipeline.transform.telemetry;

import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * Per-device, per-metric aggregates of the readings over event-time windows: tumbling 1-minute
 * windows and hopping 5-minute windows that advance by a minute. A reading up to the grace late
 * still counts; each window's aggregate is emitted once, when the window closes, to {@value
 * PipelineTopics#IOT_AGGREGATES}, keyed by device.
 */
final class TelemetryWindows {

  /** The readings grouped by device and metric ({@code <device>/<metric>}). */
  static final String BY_METRIC = "telemetry-by-metric";

  private TelemetryWindows() {}

  /** Adds both windowed aggregations of the grouped readings to the topology. */
  static void aggregate(
      KGroupedStream<String, TelemetryReading> byMetric, PipelineTopics topics, Duration grace) {
    aggregate(byMetric, topics, "1m", TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), grace));
    aggregate(
        byMetric,
        topics,
        "5m",
        TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), grace).advanceBy(Duration.ofMinutes(1)));
  }

  private static void aggregate(
      KGroupedStream<String, TelemetryReading> byMetric,
      PipelineTopics topics,
      String window,
      TimeWindows windows) {
    String name = "telemetry-" + window;
    byMetric
        .windowedBy(windows)
        .emitStrategy(EmitStrategy.onWindowClose())
        .aggregate(
            TelemetryWindows::empty,
            (key, reading, aggregate) -> add(aggregate, reading),
            Named.as(name + "-aggregate"),
            Materialized
                .<String, TelemetryAggregate,
                    org.apache.kafka.streams.state.WindowStore<
                        org.apache.kafka.common.utils.Bytes, byte[]>>
                    as(name + "-store")
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.iotAggregates().valueSerde())
                // The record cache's iterator walks every segment interval of a range, and a
                // task's first window-close fetch ranges from epoch: minutes of work per task
                // (KAFKA-13785's emit-final fetch). The store's own fetch skips to the segments
                // that exist; emit-final already keeps updates from the output.
                .withCachingDisabled())
        .toStream(Named.as(name + "-closed"))
        .map((key, aggregate) -> closed(key, aggregate, window), Named.as(name + "-result"))
        .to(
            topics.iotAggregates().name(),
            Produced.with(Serdes.String(), topics.iotAggregates().valueSerde())
                .withName(name + "-aggregates"));
  }

  private static TelemetryAggregate empty() {
    return TelemetryAggregate.newBuilder()
        .setDeviceId("")
        .setMetric("")
        .setWindowStart(java.time.Instant.EPOCH)
        .setWindowEnd(java.time.Instant.EPOCH)
        .setWindow("")
        .setCount(0)
        .setMin(Double.POSITIVE_INFINITY)
        .setMax(Double.NEGATIVE_INFINITY)
        .setSum(0)
        .setMean(0)
        .build();
  }

  private static TelemetryAggregate add(TelemetryAggregate aggregate, TelemetryReading reading) {
    double value = reading.getValue();
    long count = aggregate.getCount() + 1;
    double sum = aggregate.getSum() + value;
    return TelemetryAggregate.newBuilder(aggregate)
        .setDeviceId(reading.getDeviceId())
        .setMetric(reading.getMetric())
        .setCount(count)
        .setMin(Math.min(aggregate.getMin(), value))
        .setMax(Math.max(aggregate.getMax(), value))
        .setSum(sum)
        .setMean(sum / count)
        .build();
  }

  private static KeyValue<String, TelemetryAggregate> closed(
      Windowed<String> key, TelemetryAggregate aggregate, String window) {
    TelemetryAggregate result =
        TelemetryAggregate.newBuilder(aggregate)
            .setWindowStart(key.window().startTime())
            .setWindowEnd(key.window().endTime())
            .setWindow(window)
            .build();
    return KeyValue.pair(result.getDeviceId(), result);
  }
}
