package io.pipeline.ingest.s3;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of the S3 listing bridge, which finds new objects by listing buckets on an interval.
 *
 * @param buckets the buckets to watch, each with the prefix and suffix its reported keys have;
 *     empty turns the bridge off
 * @param interval the pause between two listing passes
 * @param pageSize keys per listing request, and so at most per Kafka transaction
 */
public record S3ListingConfig(List<S3ObjectFilter> buckets, Duration interval, int pageSize) {

  public static final Setting<List<String>> BUCKETS =
      Setting.list(
          "S3_LISTING_BUCKETS",
          "",
          "Buckets whose new objects become S3ObjectEvents, comma-separated, each as bucket,"
              + " bucket:prefix or bucket:prefix:suffix; empty turns the listing bridge off.");
  public static final Setting<Duration> INTERVAL =
      Setting.duration("S3_LISTING_INTERVAL", "5s", "Pause between two listing passes.");

  public static final Setting<Integer> PAGE_SIZE =
      Setting.integer(
          "S3_LISTING_PAGE_SIZE",
          1000,
          1,
          1000,
          "Keys asked for per listing request; the new objects of one page are written in one"
              + " Kafka transaction.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS = List.of(BUCKETS, INTERVAL, PAGE_SIZE);

  public S3ListingConfig {
    buckets = List.copyOf(buckets);
    Set<String> names = new HashSet<>();
    for (S3ObjectFilter bucket : buckets) {
      if (!names.add(bucket.bucket())) {
        throw new IllegalArgumentException(
            "bucket '" + bucket.bucket() + "' is given twice; list each bucket once");
      }
    }
  }

  /** Reads and validates the listing settings. */
  public static S3ListingConfig from(Settings settings) {
    try {
      return new S3ListingConfig(
          settings.get(BUCKETS).stream().map(S3ObjectFilter::parse).toList(),
          settings.get(INTERVAL),
          settings.get(PAGE_SIZE));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Setting " + BUCKETS.name() + ": " + e.getMessage(), e);
    }
  }

  /** The names of the watched buckets. */
  public List<String> bucketNames() {
    return buckets.stream().map(S3ObjectFilter::bucket).toList();
  }

  /** Whether any bucket is watched. */
  public boolean enabled() {
    return !buckets.isEmpty();
  }
}
