package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

  private static final String HEADER = "order_id,customer,amount,currency,ordered_at,coupon\n";

  @Test
  void shouldReadGoodAndBadRowsWithTheirLinesWhenReadingTheExampleCsv() throws IOException {
    // given
    CsvRowReader reader = open(EtlTestData.example("orders.csv"));

    // when
    List<Row> rows = readAll(reader);

    // then
    assertThat(reader.headerProblems()).isEmpty();
    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(rows).extracting(Row::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(rows)
        .filteredOn(Row.Bad.class::isInstance)
        .extracting(r -> ((Row.Bad) r).problem())
        .containsExactly(
            "column 'amount': expected a number, got 'twelve'",
            "column 'ordered_at': expected an ISO-8601 timestamp such as 2026-01-31T12:00:00Z or"
                + " epoch milliseconds, got 'yesterday'");
    GenericRecord carol = ((Row.Good) rows.get(2)).record();
    assertThat(carol.get("customer")).isEqualTo("Carol, Ltd.");
    assertThat(carol.get("amount")).isEqualTo(1200.0);
    assertThat(carol.get("ordered_at"))
        .isEqualTo(Instant.parse("2026-01-05T10:02:00Z").toEpochMilli());
    assertThat(carol.get("coupon")).isNull();
    assertThat(((Row.Good) rows.get(1)).record().get("coupon")).isEqualTo("WINTER10");
  }

  @Test
  void shouldAcceptColumnsInAnyOrderAndLeaveOutFieldsWithDefaults() throws IOException {
    // given
    String csv = "ordered_at,amount,currency,customer,order_id\n1767600000000,1.5,EUR,x,o-1\n";

    // when
    List<Row> rows = readAll(open(bytes(csv)));

    // then
    GenericRecord record = ((Row.Good) rows.get(0)).record();
    assertThat(record.get("order_id")).isEqualTo("o-1");
    assertThat(record.get("ordered_at")).isEqualTo(1767600000000L);
    assertThat(record.get("coupon")).isNull();
  }

  @Test
  void shouldNameEveryProblemWhenHeaderDoesNotFitSchema() throws IOException {
    // when
    CsvRowReader reader = open(bytes("order_id,customer,customer,price\n"));

    // then
    assertThat(reader.headerProblems())
        .containsExactly(
            "column 'customer' appears twice",
            "column 'price' is not a field of Order",
            "column 'amount' is missing",
            "column 'currency' is missing",
            "column 'ordered_at' is missing");
  }

  @Test
  void shouldReportNoHeaderWhenObjectHasNoRow() throws IOException {
    assertThat(open(bytes("")).headerProblems()).containsExactly("the object has no header row");
  }

  @Test
  void shouldQuarantineRowAndReadTheNextWhenRowHasTooFewValues() throws IOException {
    // given
    String csv = HEADER + "o-1,a,1\no-2,b,2,EUR,2026-01-01T00:00:00Z,\n";

    // when
    List<Row> rows = readAll(open(bytes(csv)));

    // then
    assertThat(((Row.Bad) rows.get(0)).problem()).isEqualTo("expected 6 values, got 3");
    assertThat(((Row.Bad) rows.get(0)).text()).isEqualTo("o-1,a,1");
    assertThat(rows.get(1)).isInstanceOf(Row.Good.class);
  }

  @Test
  void shouldCountLinesOfQuotedLineBreaksAndSkipEmptyLines() throws IOException {
    // given
    String csv = HEADER + "\no-1,\"multi\nline\",1,EUR,2026-01-01T00:00:00Z,\r\n\no-2,b,2,EUR,0,\n";

    // when
    List<Row> rows = readAll(open(bytes(csv)));

    // then
    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L);
    assertThat(rows).extracting(Row::line).containsExactly(3L, 6L);
    assertThat(((Row.Good) rows.get(0)).record().get("customer")).isEqualTo("multi\nline");
  }

  @Test
  void shouldFailTheObjectWhenAQuoteIsNeverClosed() throws IOException {
    // given
    CsvRowReader reader = open(bytes(HEADER + "o-1,\"open,1,EUR,0,\no-2,b,2,EUR,0,\n"));

    // then
    assertThatThrownBy(() -> readAll(reader))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("Missing closing quote");
  }

  @Test
  void shouldQuarantineRowWhenRowIsLongerThanTheLimit() throws IOException {
    // given
    String csv = HEADER + "o-1," + "x,".repeat(600) + "\no-2,b,2,EUR,0,\n";
    CsvRowReader reader = CsvRowReader.open(new ByteArrayInputStream(bytes(csv)), orders(), 1024);

    // when
    List<Row> rows = readAll(reader);

    // then
    assertThat(((Row.Bad) rows.get(0)).problem())
        .isEqualTo("the row is longer than 1024 characters");
    assertThat(rows.get(1)).isInstanceOf(Row.Good.class);
  }

  @Test
  void shouldGiveEqualContentForEqualValuesAndDifferentForValuesSplitDifferently()
      throws IOException {
    // given
    String csv = HEADER + "ab,c,1,EUR,0,\nab,c,1,EUR,0,\na,bc,1,EUR,0,\n";

    // when
    List<Row> rows = readAll(open(bytes(csv)));

    // then
    byte[] first = ((Row.Good) rows.get(0)).content();
    assertThat(((Row.Good) rows.get(1)).content()).isEqualTo(first);
    assertThat(((Row.Good) rows.get(2)).content()).isNotEqualTo(first);
  }

  static List<Row> readAll(RowReader reader) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Optional<Row> row = reader.next(); row.isPresent(); row = reader.next()) {
      rows.add(row.get());
    }
    return rows;
  }

  private static CsvRowReader open(byte[] csv) throws IOException {
    return CsvRowReader.open(new ByteArrayInputStream(csv), orders(), 1 << 20);
  }

  private static org.apache.avro.Schema orders() {
    return EtlTestData.orders();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
