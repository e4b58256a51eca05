package io.pipeline.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

  @Test
  void shouldReadEveryFractionLengthAsInstantParseDoesWhenTextIsUtc() {
    List<String> texts =
        List.of(
            "2026-01-31T12:00:00Z",
            "2026-01-31T12:00:00.1Z",
            "2026-01-31T12:00:00.12Z",
            "2026-01-31T12:00:00.123Z",
            "2026-01-31T12:00:00.1234Z",
            "2026-01-31T12:00:00.12345Z",
            "2026-01-31T12:00:00.123456Z",
            "2026-01-31T12:00:00.1234567Z",
            "2026-01-31T12:00:00.12345678Z",
            "2026-01-31T12:00:00.123456789Z",
            "0000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z",
            "2024-02-29T23:59:59.000000001Z");

    for (String text : texts) {
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void shouldReadRandomInstantsAsInstantParseDoesWhenPrintedByInstant() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000))
              .truncatedTo(
                  i % 2 == 0
                      ? java.time.temporal.ChronoUnit.MILLIS
                      : java.time.temporal.ChronoUnit.NANOS);
      String text = instant.toString();

      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(instant);
    }
  }

  @Test
  void shouldLeaveOtherShapesToInstantParseWhenTextHasOffsetOrLeapSecond() {
    for (String text :
        List.of("2026-01-31T12:00:00+01:00", "2026-12-31T23:59:60Z", "+12026-01-31T12:00:00Z")) {
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void shouldAnswerAsInstantParseDoesWhenTextIsOddOrNoInstant() {
    for (String text :
        List.of(
            "2026-02-30T12:00:00Z",
            "2026-13-01T12:00:00Z",
            "2026-01-31T24:00:00Z",
            "2026-01-31T24:00:01Z",
            "2026-01-31T12:60:00Z",
            "2026-01-31T12:00:00.Z",
            "2026-01-31T12:00:00.1234567890Z",
            "2026-01-31T12:0a:00Z",
            "2026-01-31 12:00:00Z",
            "not a time")) {
      Instant expected;
      try {
        expected = Instant.parse(text);
      } catch (DateTimeParseException e) {
        assertThatThrownBy(() -> IsoInstants.parse(text))
            .as(text)
            .isInstanceOf(DateTimeParseException.class);
        continue;
      }
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
    }
  }
}
