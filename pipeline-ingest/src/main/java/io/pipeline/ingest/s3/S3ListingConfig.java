package io.pipeline.ingest.s3;

import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the S3 listing bridge, which finds new objects by listing buckets on an interval.
 *
 * @param buckets the buckets to watch; empty turns the bridge off
 * @param prefix only keys with this prefix are reported
 * @param interval the pause between two listing passes
 * @param pageSize keys per listing request, and so at most per Kafka transaction
 */
public record S3ListingConfig(
    List<String> buckets, String prefix, Duration interval, int pageSize) {

  public static final Setting<List<String>> BUCKETS =
      Setting.list(
          "S3_LISTING_BUCKETS",
          "",
          "Buckets whose new objects become S3ObjectEvents, comma-separated; empty turns the"
              + " listing bridge off.");
  public static final Setting<String> PREFIX =
      Setting.string(
          "S3_LISTING_PREFIX", "", "Only keys that start with this prefix are reported.");
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
  public static final List<Setting<?>> SETTINGS = List.of(BUCKETS, PREFIX, INTERVAL, PAGE_SIZE);

  public S3ListingConfig {
    buckets = List.copyOf(buckets);
  }

  /** Reads and validates the listing settings. */
  public static S3ListingConfig from(Settings settings) {
    return new S3ListingConfig(
        settings.get(BUCKETS),
        settings.get(PREFIX),
        settings.get(INTERVAL),
        settings.get(PAGE_SIZE));
  }

  /** Whether any bucket is watched. */
  public boolean enabled() {
    return !buckets.isEmpty();
  }
}
