package io.pipeline.transform.telemetry;

import io.pipeline.schemas.iot.DeviceWindow;
import io.pipeline.schemas.iot.MetricFigures;
import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Per-device, per-metric aggregates of the readings over event-time windows: tumbling 1-minute
 * windows and hopping 5-minute windows that advance by a minute. Each window's aggregates are
 * emitted once, when stream time (the latest event time seen in the task) passes its end plus the
 * grace, to {@value PipelineTopics#IOT_AGGREGATES}, keyed by device, one per metric.
 *
 * <p>A reading updates one entry: its device's figures for its minute ({@link DeviceWindow}, in a
 * store keyed by minute, then device). A 5-minute window is the five minutes it covers, merged when
 * it closes; a minute is kept until the last window that covers it has closed. Lateness is judged
 * per window, as Kafka Streams' windowed aggregations judge it: a reading too late for its minute
 * (past the minute's end plus the grace) still counts in the 5-minute windows that are not yet
 * closed, and one too late for all of them is dropped. A reading so costs one store update, where a
 * windowed aggregation per window size updates every window that holds it (six here).
 * docs/decisions/0038 has the measurements. No repartition topic is needed: the readings stay keyed
 * by device, as they arrive.
 */
final class TelemetryWindows
    implements Processor<String, TelemetryReading, String, TelemetryAggregate> {

  static final String PROCESSOR = "telemetry-windows";
  static final String MINUTES_STORE = "telemetry-minutes";
  static final String TIME_STORE = "telemetry-stream-time";
  static final String SINK = "telemetry-aggregates";

  private static final long MINUTE = Duration.ofMinutes(1).toMillis();
  private static final int HOPPING_MINUTES = 5;
  private static final String STREAM_TIME = "stream-time";

  private final long grace;
  private ProcessorContext<String, TelemetryAggregate> context;
  private KeyValueStore<Bytes, DeviceWindow> minutes;
  private KeyValueStore<String, Long> time;
  private long streamTime;

  /**
   * The minutes this task has updated, as the objects it wrote: the store holds the same, and a
   * reading of a minute already here is added without decoding the minute again. Emptied whenever
   * the task (re)starts, when its store may have been rolled back to its last commit.
   */
  private final Map<Bytes, DeviceWindow> written = new HashMap<>();

  private TelemetryWindows(Duration grace) {
    this.grace = grace.toMillis();
  }

  /** Adds the windows' stores, processor and sink to the topology. */
  static void aggregate(
      StreamsBuilder builder,
      KStream<String, TelemetryReading> readings,
      PipelineTopics topics,
      Duration grace) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(MINUTES_STORE),
                Serdes.Bytes(),
                topics.storeSerde(DeviceWindow.class))
            // A device's minute changes with each reading: between commits only the latest
            // goes to the changelog.
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TIME_STORE), Serdes.String(), Serdes.Long())
            .withCachingEnabled());
    readings
        .process(() -> new TelemetryWindows(grace), Named.as(PROCESSOR), MINUTES_STORE, TIME_STORE)
        .to(
            topics.iotAggregates().name(),
            Produced.with(Serdes.String(), topics.iotAggregates().valueSerde()).withName(SINK));
  }

  @Override
  public void init(ProcessorContext<String, TelemetryAggregate> context) {
    this.context = context;
    this.minutes = context.getStateStore(MINUTES_STORE);
    this.time = context.getStateStore(TIME_STORE);
    Long kept = time.get(STREAM_TIME);
    this.streamTime = kept == null ? Long.MIN_VALUE : kept;
    written.clear();
  }

  @Override
  public void close() {
    written.clear();
  }

  @Override
  public void process(Record<String, TelemetryReading> record) {
    TelemetryReading reading = record.value();
    long eventTime = reading.getEventTime().toEpochMilli();
    long minute = Math.floorDiv(eventTime, MINUTE);
    if (closes(minute + HOPPING_MINUTES) > streamTime) {
      Bytes key = key(minute, reading.getDeviceId());
      DeviceWindow window = written.get(key);
      if (window == null) {
        window = minutes.get(key);
        if (window == null) {
          window = new DeviceWindow(reading.getDeviceId(), new HashMap<>());
        }
        written.put(key, window);
      }
      add(window, reading);
      minutes.put(key, window);
    } // else too late for every window that holds it
    if (eventTime > streamTime) {
      long previous = streamTime;
      streamTime = eventTime;
      time.put(STREAM_TIME, streamTime);
      long lastEnd = Math.floorDiv(streamTime - grace, MINUTE);
      long previousEnd =
          previous == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(previous - grace, MINUTE);
      if (lastEnd > previousEnd) {
        close(previousEnd, lastEnd);
      }
    }
  }

  /** When the window that ends at the start of {@code endMinute} closes. */
  private long closes(long endMinute) {
    return endMinute * MINUTE + grace;
  }

  /**
   * Emits every window that ends after minute {@code previousEnd} and by {@code lastEnd} (as minute
   * indexes), then forgets the minutes no open window covers.
   */
  private void close(long previousEnd, long lastEnd) {
    long from = previousEnd == Long.MIN_VALUE ? Long.MIN_VALUE : previousEnd - HOPPING_MINUTES;
    NavigableMap<Long, Map<String, DeviceWindow>> held = new TreeMap<>();
    try (KeyValueIterator<Bytes, DeviceWindow> entries =
        minutes.range(key(from, ""), key(lastEnd, ""))) {
      entries.forEachRemaining(
          entry ->
              held.computeIfAbsent(minuteOf(entry.key), m -> new HashMap<>())
                  .put(entry.value.getDeviceId(), entry.value));
    }
    TreeSet<Long> ends = new TreeSet<>();
    for (long minute : held.keySet()) {
      for (long end = minute + 1; end <= minute + HOPPING_MINUTES; end++) {
        if (end > previousEnd && end <= lastEnd) {
          ends.add(end);
        }
      }
    }
    for (long end : ends) {
      Map<String, DeviceWindow> lastMinute = held.get(end - 1);
      if (lastMinute != null) {
        lastMinute.values().forEach(w -> emit(w, end - 1, end, "1m"));
      }
      Map<String, DeviceWindow> merged = new TreeMap<>();
      held.subMap(end - HOPPING_MINUTES, true, end - 1, true)
          .values()
          .forEach(
              devices -> devices.forEach((d, w) -> merged.merge(d, w, TelemetryWindows::merge)));
      merged.values().forEach(w -> emit(w, end - HOPPING_MINUTES, end, "5m"));
    }
    for (Map.Entry<Long, Map<String, DeviceWindow>> minute :
        held.headMap(lastEnd - HOPPING_MINUTES, true).entrySet()) {
      for (String device : minute.getValue().keySet()) {
        Bytes key = key(minute.getKey(), device);
        minutes.delete(key);
        written.remove(key);
      }
    }
  }

  private void emit(DeviceWindow window, long startMinute, long endMinute, String size) {
    String device = window.getDeviceId();
    Instant start = Instant.ofEpochMilli(startMinute * MINUTE);
    Instant end = Instant.ofEpochMilli(endMinute * MINUTE);
    new TreeMap<>(window.getMetrics())
        .forEach(
            (metric, figures) ->
                context.forward(
                    new Record<>(
                        device,
                        TelemetryAggregate.newBuilder()
                            .setDeviceId(device)
                            .setMetric(metric)
                            .setWindowStart(start)
                            .setWindowEnd(end)
                            .setWindow(size)
                            .setCount(figures.getCount())
                            .setMin(figures.getMin())
                            .setMax(figures.getMax())
                            .setSum(figures.getSum())
                            .setMean(figures.getSum() / figures.getCount())
                            .build(),
                        end.toEpochMilli() - 1)));
  }

  /** Adds a reading to its minute's figures, in place. */
  private static void add(DeviceWindow window, TelemetryReading reading) {
    double value = reading.getValue();
    MetricFigures figures = window.getMetrics().get(reading.getMetric());
    if (figures == null) {
      window.getMetrics().put(reading.getMetric(), new MetricFigures(1L, value, value, value));
    } else {
      figures.setCount(figures.getCount() + 1);
      figures.setMin(Math.min(figures.getMin(), value));
      figures.setMax(Math.max(figures.getMax(), value));
      figures.setSum(figures.getSum() + value);
    }
  }

  private static DeviceWindow merge(DeviceWindow a, DeviceWindow b) {
    Map<String, MetricFigures> metrics = new HashMap<>(a.getMetrics());
    b.getMetrics()
        .forEach((metric, figures) -> metrics.merge(metric, figures, TelemetryWindows::merge));
    return new DeviceWindow(a.getDeviceId(), metrics);
  }

  private static MetricFigures merge(MetricFigures a, MetricFigures b) {
    return new MetricFigures(
        a.getCount() + b.getCount(),
        Math.min(a.getMin(), b.getMin()),
        Math.max(a.getMax(), b.getMax()),
        a.getSum() + b.getSum());
  }

  /**
   * The store's key: the minute (big-endian, sign bit flipped, so keys sort by time), then the
   * device id.
   */
  static Bytes key(long minute, String device) {
    byte[] id = device.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(Long.BYTES + id.length)
            .putLong(minute ^ Long.MIN_VALUE)
            .put(id)
            .array());
  }

  private static long minuteOf(Bytes key) {
    return ByteBuffer.wrap(key.get()).getLong() ^ Long.MIN_VALUE;
  }
}
