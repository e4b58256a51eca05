package io.pipeline.ingest.s3;

import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3ListingEntry;
import io.pipeline.schemas.s3.S3ObjectEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Turns listed objects into the records the listing bridge writes. */
final class ListingEvents {

  private ListingEvents() {}

  /**
   * The event for a newly listed object. Its id is derived from the object version (bucket, key,
   * ETag, last-modified time), so listing the same version again yields the same id.
   */
  static S3ObjectEvent created(ListedObject object, Instant observedAt) {
    return S3ObjectEvent.newBuilder()
        .setEventId(eventId(object))
        .setEventName(
            object.etag().contains("-")
                ? "ObjectCreated:CompleteMultipartUpload"
                : "ObjectCreated:Put")
        .setSource(S3EventSource.LISTING)
        .setBucket(object.bucket())
        .setKey(object.key())
        .setSize(object.size())
        .setEtag(object.etag())
        .setSequencer(null)
        .setEventTime(object.lastModified())
        .setObservedAt(observedAt)
        .setVersionId(null)
        .build();
  }

  /** The state record that remembers an object was reported. */
  static S3ListingEntry remembered(ListedObject object) {
    return S3ListingEntry.newBuilder()
        .setBucket(object.bucket())
        .setKey(object.key())
        .setEtag(object.etag())
        .setSize(object.size())
        .setLastModified(object.lastModified())
        .build();
  }

  static String eventId(ListedObject object) {
    String version =
        object.bucket()
            + "\n"
            + object.key()
            + "\n"
            + object.etag()
            + "\n"
            + object.lastModified().toEpochMilli();
    return UUID.nameUUIDFromBytes(version.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
