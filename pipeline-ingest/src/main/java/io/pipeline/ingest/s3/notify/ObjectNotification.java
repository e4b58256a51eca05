package io.pipeline.ingest.s3.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event record of an S3 event notification, read and checked.
 *
 * @param eventName S3's event name without the {@code s3:} prefix MinIO adds, e.g. {@code
 *     ObjectCreated:Put}
 * @param bucket the bucket
 * @param key the object key, URL-decoded
 * @param size the object size in bytes; 0 when the event gives none
 * @param etag the ETag without quotes, when given
 * @param versionId the version id in a versioned bucket, when given
 * @param sequencer S3's sequencer (hex), when given; comparable only for the same key
 * @param eventTime when the event happened
 */
public record ObjectNotification(
    String eventName,
    String bucket,
    String key,
    long size,
    Optional<String> etag,
    Optional<String> versionId,
    Optional<String> sequencer,
    Instant eventTime)
    implements NotificationJson.RecordContent {

  public ObjectNotification {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(sequencer, "sequencer");
    Objects.requireNonNull(eventTime, "eventTime");
  }

  /** Whether the event says an object was created (put, copied, uploaded in parts...). */
  public boolean created() {
    return eventName.startsWith("ObjectCreated:");
  }

  /** The record key on the pipeline's S3 topics: {@code bucket/key}. */
  public String recordKey() {
    return bucket + "/" + key;
  }
}
