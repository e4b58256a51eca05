package io.pipeline.ingest.s3;

import java.util.Objects;

/**
 * Which objects of a bucket become events: those whose (decoded) key starts with {@code prefix} and
 * ends with {@code suffix}, as an S3 notification configuration's filter rules say; used by the
 * notification and listing bridges alike.
 *
 * @param bucket the bucket
 * @param prefix keys must start with it; empty for any
 * @param suffix keys must end with it; empty for any
 */
public record S3ObjectFilter(String bucket, String prefix, String suffix) {

  public S3ObjectFilter {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(suffix, "suffix");
  }

  /**
   * Parses {@code bucket}, {@code bucket:prefix} or {@code bucket:prefix:suffix}.
   *
   * @throws IllegalArgumentException when the text has no bucket or too many parts
   */
  public static S3ObjectFilter parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length > 3 || parts[0].isBlank()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not bucket, bucket:prefix or bucket:prefix:suffix");
    }
    return new S3ObjectFilter(
        parts[0].trim(), parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
  }

  /** Whether an object of this bucket and key passes. */
  public boolean accepts(String bucket, String key) {
    return this.bucket.equals(bucket) && key.startsWith(prefix) && key.endsWith(suffix);
  }
}
