package io.pipeline.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ListingConfigTest {

  @Test
  void shouldReadEachBucketWithItsPrefixAndSuffix() {
    S3ListingConfig config =
        S3ListingConfig.from(
            Settings.of(Map.of("S3_LISTING_BUCKETS", "landing:in/:.csv, raw, logs:2026/")));

    assertThat(config.buckets())
        .containsExactly(
            new S3ObjectFilter("landing", "in/", ".csv"),
            new S3ObjectFilter("raw", "", ""),
            new S3ObjectFilter("logs", "2026/", ""));
    assertThat(config.bucketNames()).containsExactly("landing", "raw", "logs");
    assertThat(config.buckets().get(0).accepts("landing", "in/x.csv")).isTrue();
    assertThat(config.buckets().get(0).accepts("landing", "in/x.json")).isFalse();
  }

  @Test
  void shouldRejectABucketGivenTwiceOrMalformedEntries() {
    assertThatThrownBy(
            () -> S3ListingConfig.from(Settings.of(Map.of("S3_LISTING_BUCKETS", "a:x/, a:y/"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("S3_LISTING_BUCKETS")
        .hasMessageContaining("bucket 'a' is given twice");
    assertThatThrownBy(
            () -> S3ListingConfig.from(Settings.of(Map.of("S3_LISTING_BUCKETS", "a:b:c:d"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'a:b:c:d' is not bucket, bucket:prefix or bucket:prefix:suffix");
  }

  @Test
  void shouldRejectZeroListingInterval() {
    assertThatThrownBy(
            () -> S3ListingConfig.from(Settings.of(Map.of("S3_LISTING_INTERVAL", "0ms"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("S3_LISTING_INTERVAL");
  }
}
