package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonLinesRowReaderTest {

  private static final String GOOD =
      "{\"order_id\": \"o-1\", \"customer\": \"a\", \"amount\": 1, \"currency\": \"EUR\","
          + " \"ordered_at\": \"2026-01-01T00:00:00Z\"}";

  @Test
  void shouldReadGoodAndBadRowsWithTheirLinesWhenReadingTheExampleJsonLines() throws IOException {
    // when
    List<Row> rows = read(EtlTestData.example("orders.jsonl"), 1 << 20);

    // then
    assertThat(rows).extracting(Row::line).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(rows)
        .filteredOn(Row.Good.class::isInstance)
        .extracting(Row::number)
        .containsExactly(1L, 2L, 4L);
    Row.Bad amount = (Row.Bad) rows.get(2);
    assertThat(amount.problem()).isEqualTo("at $.amount: expected a number, got \"a lot\"");
    Row.Bad cut = (Row.Bad) rows.get(4);
    assertThat(cut.problem()).startsWith("not JSON: ");
    assertThat(cut.text()).isEqualTo("{\"order_id\": \"o-2005\", \"customer\": \"mallory\"");
    GenericRecord judy = ((Row.Good) rows.get(3)).record();
    assertThat(judy.get("ordered_at")).isEqualTo(1767690000000L);
    assertThat(((Row.Good) rows.get(1)).record().get("coupon")).isEqualTo("SPRING");
  }

  @Test
  void shouldSkipBlankLinesAndHandleCrLfAndByteOrderMark() throws IOException {
    // given
    String text = "\uFEFF" + GOOD + "\r\n\r\n   \n" + GOOD + "\n";

    // when
    List<Row> rows = read(text.getBytes(StandardCharsets.UTF_8), 1 << 20);

    // then
    assertThat(rows).allMatch(Row.Good.class::isInstance);
    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L);
    assertThat(rows).extracting(Row::line).containsExactly(1L, 4L);
    assertThat(((Row.Good) rows.get(0)).content()).isEqualTo(GOOD.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldQuarantineLineWithoutHoldingItWhenLineIsLongerThanTheLimit() throws IOException {
    // given
    String longLine = "{\"order_id\": \"" + "x".repeat(200_000) + "\"}";
    byte[] text = (longLine + "\n" + GOOD).getBytes(StandardCharsets.UTF_8);

    // when
    List<Row> rows = read(text, 2048);

    // then
    Row.Bad bad = (Row.Bad) rows.get(0);
    assertThat(bad.problem()).isEqualTo("the line is longer than 2048 bytes");
    assertThat(bad.text()).startsWith("{\"order_id\": \"xxx");
    assertThat(rows.get(1)).isInstanceOf(Row.Good.class);
    assertThat(rows.get(1).line()).isEqualTo(2L);
  }

  @Test
  void shouldRefuseLinesThatAreNotObjectsOrHaveUnknownFieldsOrTrailingValues() throws IOException {
    // given
    String text =
        "[1, 2]\n"
            + GOOD.replace("}", ", \"tip\": 1}")
            + "\n"
            + GOOD
            + " {}\n"
            + "{\"order_id\": \"o-1\"}\n";

    // when
    List<Row> rows = read(text.getBytes(StandardCharsets.UTF_8), 1 << 20);

    // then
    assertThat(rows)
        .extracting(r -> ((Row.Bad) r).problem())
        .satisfiesExactly(
            p -> assertThat(p).isEqualTo("expected a JSON object, got ARRAY"),
            p -> assertThat(p).startsWith("at $.tip: unknown field 'tip'"),
            p -> assertThat(p).startsWith("not JSON: "),
            p -> assertThat(p).isEqualTo("at $.customer: missing required field 'customer'"));
  }

  @Test
  void shouldReadEveryLineWhenLinesCrossReadBoundaries() throws IOException {
    // given
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append(GOOD.replace("o-1", "o-" + i)).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    InputStream trickle =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7_777));
          }
        };

    // when
    List<Row> rows =
        CsvRowReaderTest.readAll(new JsonLinesRowReader(trickle, EtlTestData.orders(), 1 << 20));

    // then
    assertThat(rows).hasSize(5_000).allMatch(Row.Good.class::isInstance);
    assertThat(((Row.Good) rows.get(4_999)).record().get("order_id")).isEqualTo("o-4999");
    assertThat(((Row.Good) rows.get(0)).record().get("ordered_at"))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
  }

  private static List<Row> read(byte[] bytes, int maxLineBytes) throws IOException {
    return CsvRowReaderTest.readAll(
        new JsonLinesRowReader(
            new ByteArrayInputStream(bytes), EtlTestData.orders(), maxLineBytes));
  }
}
