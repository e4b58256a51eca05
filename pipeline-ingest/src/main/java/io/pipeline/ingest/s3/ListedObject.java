package io.pipeline.ingest.s3;

import java.time.Instant;
import java.util.Objects;

/**
 * One object as a bucket listing shows it.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param etag the ETag without quotes
 * @param size the size in bytes
 * @param lastModified when it was last written
 */
public record ListedObject(
    String bucket, String key, String etag, long size, Instant lastModified) {

  public ListedObject {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /** The record key on the pipeline's S3 topics: {@code bucket/key}. */
  public String recordKey() {
    return recordKey(bucket, key);
  }

  /** The record key on the pipeline's S3 topics for an object. */
  public static String recordKey(String bucket, String key) {
    return bucket + "/" + key;
  }

  /** Removes the quotes S3 puts around ETags. */
  public static String unquote(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }
}
