package io.pipeline.asl.choice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as Step Functions reads them: an ISO-8601 extended offset date-time such as {@code
 * 2016-03-14T01:59:00Z} or {@code 2016-03-14T02:59:00.5+01:00}. The offset is required, the date
 * and time must exist, and up to nine fractional digits are allowed. This is what AWS accepts in
 * {@code Timestamp} fields and rejects otherwise ("does not reference a valid ISO-8601 extended
 * offset date-time format string").
 */
final class Timestamps {

  private Timestamps() {}

  /** The instant a timestamp names, or empty when the text is not a timestamp. */
  static Optional<Instant> parse(String text) {
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
