package io.pipeline.ingest.s3.notify;

import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.topic.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Removes duplicate S3 notifications: per bucket/key it remembers the last reported version and
 * forwards an {@link S3ObjectEvent} only for a notification newer than that one (a greater
 * sequencer; without sequencers, another ETag or version id). Notifications that are not about a
 * created object are dropped, and so are those the filters reject; one that cannot be read becomes
 * a {@link DeadLetter}. Runs under exactly-once, so the store and the outputs move together.
 *
 * <p>Entries not touched for longer than the retention are removed by a wall-clock punctuation, so
 * the store holds the keys notified in that period rather than every key ever seen.
 */
final class DeduplicationProcessor implements Processor<String, byte[], String, Object> {

  static final String EVENTS_SINK = "s3-object-events-sink";
  static final String DEAD_LETTER_SINK = "s3-notification-dead-letters-sink";
  static final String STAGE = "s3-notification-dedup";

  private final Topic<String, S3Notification> input;
  private final String storeName;
  private final NotificationFilters filters;
  private final Duration retention;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, LastSeen> store;

  DeduplicationProcessor(
      Topic<String, S3Notification> input,
      String storeName,
      NotificationFilters filters,
      Duration retention) {
    this.input = input;
    this.storeName = storeName;
    this.filters = filters;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    Duration every =
        retention.dividedBy(10).compareTo(Duration.ofHours(1)) < 0
            ? retention.dividedBy(10)
            : Duration.ofHours(1);
    context.schedule(
        every.isZero() ? Duration.ofMillis(1) : every,
        PunctuationType.WALL_CLOCK_TIME,
        this::expire);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    S3Notification notification;
    try {
      notification = input.valueSerde().deserializer().deserialize(input.name(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, "not an S3Notification record: " + e.getMessage());
      return;
    }
    NotificationJson.RecordContent content =
        NotificationJson.parseRecord(notification.getEventJson());
    if (content instanceof NotificationJson.Malformed malformed) {
      deadLetter(record, malformed.reason());
      return;
    }
    if (!(content instanceof ObjectNotification event)
        || !event.created()
        || !filters.accepts(event.bucket(), event.key())) {
      return;
    }
    LastSeen last = store.get(event.recordKey());
    if (last != null && !last.isOlderThan(event)) {
      return;
    }
    long receivedAt = notification.getReceivedAt().toEpochMilli();
    store.put(event.recordKey(), LastSeen.of(event, receivedAt));
    S3ObjectEvent created =
        NotificationEvents.created(
            event, source(notification.getSource()), notification.getReceivedAt());
    context.forward(record.withKey(event.recordKey()).withValue(created), EVENTS_SINK);
  }

  private static S3EventSource source(String name) {
    try {
      return S3EventSource.valueOf(name);
    } catch (IllegalArgumentException e) {
      return S3EventSource.UNKNOWN;
    }
  }

  private void deadLetter(Record<String, byte[]> record, String reason) {
    String origin =
        context
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse(input.name());
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setStage(STAGE)
            .setOrigin(origin)
            .setReason(reason)
            .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
            .setAttributes(headers(record))
            .setFailedAt(Instant.ofEpochMilli(record.timestamp()))
            .build();
    context.forward(record.withValue((Object) letter), DEAD_LETTER_SINK);
  }

  private static Map<String, String> headers(Record<String, byte[]> record) {
    Map<String, String> headers = new java.util.HashMap<>();
    record
        .headers()
        .forEach(
            h ->
                headers.put(
                    h.key(),
                    h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
    return headers;
  }

  private void expire(long now) {
    long oldest = now - retention.toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, LastSeen> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, LastSeen> entry = all.next();
        if (entry.value.seenAt() < oldest) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(store::delete);
  }
}
