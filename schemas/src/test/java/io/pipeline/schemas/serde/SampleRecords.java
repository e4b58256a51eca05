package io.pipeline.schemas.serde;

import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3ObjectEvent;
import java.time.Instant;

/** Records the schema tests share. */
public final class SampleRecords {

  private SampleRecords() {}

  public static S3ObjectEvent objectEvent(String key) {
    return S3ObjectEvent.newBuilder()
        .setEventId("raw/" + key + "@abc123")
        .setEventName("ObjectCreated:Put")
        .setSource(S3EventSource.LISTING)
        .setBucket("raw")
        .setKey(key)
        .setSize(42)
        .setEtag("abc123")
        .setEventTime(Instant.parse("2026-11-25T10:15:30Z"))
        .setObservedAt(Instant.parse("2026-11-25T10:15:31Z"))
        .setVersionId("v-7")
        .build();
  }
}
