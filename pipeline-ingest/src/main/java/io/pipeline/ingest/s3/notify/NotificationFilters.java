package io.pipeline.ingest.s3.notify;

import io.pipeline.ingest.s3.S3ObjectFilter;
import java.util.List;

/**
 * The filters of {@code S3_NOTIFICATIONS_FILTERS}: an object passes when no filter is set, or when
 * one of them accepts it.
 *
 * @param filters the filters; empty lets everything pass
 */
public record NotificationFilters(List<S3ObjectFilter> filters) {

  /** No filter: every object passes. */
  public static final NotificationFilters NONE = new NotificationFilters(List.of());

  public NotificationFilters {
    filters = List.copyOf(filters);
  }

  /** Whether an object of this bucket and (decoded) key becomes an event. */
  public boolean accepts(String bucket, String key) {
    return filters.isEmpty() || filters.stream().anyMatch(f -> f.accepts(bucket, key));
  }
}
