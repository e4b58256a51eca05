package io.pipeline.transform.telemetry;

import io.pipeline.schemas.iot.DeviceWindow;
import io.pipeline.schemas.iot.MetricFigures;
import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per-device, per-metric aggregates of the readings over event-time windows: tumbling 1-minute
 * windows and hopping 5-minute windows that advance by a minute. A reading up to the grace late
 * still counts; each window's aggregate is emitted once, when the window closes, to {@value
 * PipelineTopics#IOT_AGGREGATES}, keyed by device.
 *
 * <p>The readings stay grouped by device, as they arrive: a window's state is the device's figures
 * for every metric ({@link DeviceWindow}), split into one aggregate per metric when it closes. No
 * repartition topic is needed, so a reading costs no extra write and read through Kafka.
 */
final class TelemetryWindows {

  /** The readings grouped by device. */
  static final String BY_DEVICE = "telemetry-by-device";

  private TelemetryWindows() {}

  /** Adds both windowed aggregations of the grouped readings to the topology. */
  static void aggregate(
      KGroupedStream<String, TelemetryReading> byDevice, PipelineTopics topics, Duration grace) {
    aggregate(byDevice, topics, "1m", TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), grace));
    aggregate(
        byDevice,
        topics,
        "5m",
        TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), grace).advanceBy(Duration.ofMinutes(1)));
  }

  private static void aggregate(
      KGroupedStream<String, TelemetryReading> byDevice,
      PipelineTopics topics,
      String window,
      TimeWindows windows) {
    String name = "telemetry-" + window;
    byDevice
        .windowedBy(windows)
        .aggregate(
            TelemetryWindows::empty,
            (device, reading, state) -> add(state, reading),
            Named.as(name + "-aggregate"),
            Materialized.<String, DeviceWindow, WindowStore<Bytes, byte[]>>as(name + "-store")
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.storeSerde(DeviceWindow.class)))
        // Emitted once, when the window closes: the record cache folds a window's updates
        // between commits into one, and the suppression buffer, ordered by time, releases each
        // window as stream time passes its end and grace. (EmitStrategy.onWindowClose does the
        // same without the buffer, but its first range fetch runs from epoch through the cache,
        // segment interval by segment interval: minutes per task.)
        .suppress(
            Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                .withName(name + "-until-closed"))
        .toStream(Named.as(name + "-closed"))
        .flatMap((key, state) -> closed(key, state, window), Named.as(name + "-result"))
        .to(
            topics.iotAggregates().name(),
            Produced.with(Serdes.String(), topics.iotAggregates().valueSerde())
                .withName(name + "-aggregates"));
  }

  private static DeviceWindow empty() {
    return DeviceWindow.newBuilder().setDeviceId("").setMetrics(new HashMap<>()).build();
  }

  private static DeviceWindow add(DeviceWindow state, TelemetryReading reading) {
    double value = reading.getValue();
    Map<String, MetricFigures> metrics = new HashMap<>(state.getMetrics());
    metrics.merge(
        reading.getMetric(),
        new MetricFigures(1L, value, value, value),
        (figures, one) ->
            new MetricFigures(
                figures.getCount() + 1,
                Math.min(figures.getMin(), value),
                Math.max(figures.getMax(), value),
                figures.getSum() + value));
    return DeviceWindow.newBuilder().setDeviceId(reading.getDeviceId()).setMetrics(metrics).build();
  }

  private static List<KeyValue<String, TelemetryAggregate>> closed(
      Windowed<String> key, DeviceWindow state, String window) {
    List<KeyValue<String, TelemetryAggregate>> aggregates = new ArrayList<>();
    state
        .getMetrics()
        .forEach(
            (metric, figures) ->
                aggregates.add(
                    KeyValue.pair(
                        key.key(),
                        TelemetryAggregate.newBuilder()
                            .setDeviceId(key.key())
                            .setMetric(metric.toString())
                            .setWindowStart(key.window().startTime())
                            .setWindowEnd(key.window().endTime())
                            .setWindow(window)
                            .setCount(figures.getCount())
                            .setMin(figures.getMin())
                            .setMax(figures.getMax())
                            .setSum(figures.getSum())
                            .setMean(figures.getSum() / figures.getCount())
                            .build())));
    return aggregates;
  }
}
