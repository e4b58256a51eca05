package io.pipeline.ingest.s3.notify;

import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3ObjectEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Turns a notification that passed the deduplication step into an {@link S3ObjectEvent}. */
final class NotificationEvents {

  private NotificationEvents() {}

  static S3ObjectEvent created(
      ObjectNotification notification, S3EventSource source, Instant observedAt) {
    return S3ObjectEvent.newBuilder()
        .setEventId(eventId(notification))
        .setEventName(notification.eventName())
        .setSource(source)
        .setBucket(notification.bucket())
        .setKey(notification.key())
        .setSize(notification.size())
        .setEtag(notification.etag().orElse(null))
        .setSequencer(notification.sequencer().orElse(null))
        .setEventTime(notification.eventTime())
        .setObservedAt(observedAt)
        .setVersionId(notification.versionId().orElse(null))
        .build();
  }

  /**
   * The id of the object version a notification announces: from bucket, key, ETag and the version
   * id, or the sequencer where there is no version id, so every delivery of the same notification
   * (SQS or webhook) gets the same id. It cannot match the listing bridge's id, which uses the
   * last-modified time that notifications do not carry.
   */
  static String eventId(ObjectNotification notification) {
    String version =
        notification
            .versionId()
            .map(v -> "version:" + v)
            .or(() -> notification.sequencer().map(s -> "sequencer:" + s))
            .orElse("time:" + notification.eventTime().toEpochMilli());
    String identity =
        "notification\n"
            + notification.bucket()
            + "\n"
            + notification.key()
            + "\n"
            + notification.etag().orElse("")
            + "\n"
            + version;
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
