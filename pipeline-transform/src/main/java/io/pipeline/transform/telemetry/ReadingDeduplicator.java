package io.pipeline.transform.telemetry;

import io.pipeline.schemas.iot.TelemetryReading;
import java.time.Duration;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Lets a reading through once: a reading whose id was seen within the window around its event time
 * is a duplicate (a device or the MQTT bridge sent it again) and is dropped. Ids are kept in a
 * window store, in the stream task of the device's partition; with {@code exactly_once_v2} the
 * store and the output commit together, so a crash does not let a duplicate through. The reading
 * goes on with its event time as the record's time, for the windows downstream.
 *
 * <p>The store is asked only when the task's {@link RecentIds} say the id may have been seen: a
 * window store's fetch is a range scan, the costliest step of a new reading, and nearly every
 * reading is new. The filters are filled from the store whenever the task starts, so they cover
 * every id in it.
 */
final class ReadingDeduplicator
    implements FixedKeyProcessor<String, TelemetryReading, TelemetryReading> {

  private final String storeName;
  private final long windowMillis;
  private FixedKeyProcessorContext<String, TelemetryReading> context;
  private WindowStore<String, Long> seen;
  private RecentIds recent;

  ReadingDeduplicator(String storeName, Duration window) {
    this.storeName = storeName;
    this.windowMillis = window.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TelemetryReading> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
    this.recent = new RecentIds(windowMillis);
    try (KeyValueIterator<Windowed<String>, Long> ids = seen.all()) {
      ids.forEachRemaining(id -> recent.add(RecentIds.key(id.key.key()), id.key.window().start()));
    }
  }

  @Override
  public void process(FixedKeyRecord<String, TelemetryReading> record) {
    TelemetryReading reading = record.value();
    String id = reading.getReadingId();
    long time = reading.getEventTime().toEpochMilli();
    long key = RecentIds.key(id);
    if (recent.mightContain(key, time)) {
      try (WindowStoreIterator<Long> earlier =
          seen.fetch(id, Math.max(0, time - windowMillis), time + windowMillis)) {
        if (earlier.hasNext()) {
          return;
        }
      }
    }
    seen.put(id, time, time);
    recent.add(key, time);
    context.forward(record.withTimestamp(time));
  }
}
