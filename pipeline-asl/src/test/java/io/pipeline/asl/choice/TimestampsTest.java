package io.pipeline.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource({
    "2016-03-14T01:59:00Z, 2016-03-14T01:59:00Z",
    "2016-03-14T02:59:00+01:00, 2016-03-14T01:59:00Z",
    "2016-03-13T20:59:00-05:00, 2016-03-14T01:59:00Z",
    "2026-11-25T17:50:05.00Z, 2026-11-25T17:50:05Z",
    "2016-03-05T21:29:29.243167252Z, 2016-03-05T21:29:29.243167252Z"
  })
  void shouldReadTheInstantWhenTextIsAnOffsetDateTime(String text, String instant) {
    // when / then
    assertThat(Timestamps.parse(text)).contains(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T17:50:05",
        "2026-11-25T17:50:05.000000",
        "2016-12-05 21:29:29Z",
        "2016-13-05T21:29:29Z",
        "2016-12-05T25:29:29Z",
        "2016-02-30T21:29:29Z",
        "05-12-2016T21:29:29Z",
        "2016-12-05",
        "",
        "now"
      })
  void shouldRejectTheTextWhenItIsNotAnOffsetDateTime(String text) {
    // when / then
    assertThat(Timestamps.parse(text)).isEmpty();
  }
}
