package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JacksonException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

  private static final String HEADER = "order_id,customer,amount,currency,ordered_at,coupon\n";

  @Test
  void shouldGiveEveryRowInOrderWhenRowsSpanManyBatches() throws IOException {
    // given: good and bad rows, more than a few batches of them
    int count = ReadAhead.BATCH_ROWS * (ReadAhead.BATCHES + 3) + 7;
    byte[] csv = csv(count, i -> i % 100 == 0 ? "not a number" : Integer.toString(i));

    // when
    List<Row> rows;
    try (ReadAhead ahead = ReadAhead.start(open(new ByteArrayInputStream(csv)), "test-rows")) {
      rows = CsvRowReaderTest.readAll(ahead);
    }

    // then: the rows the reader gives, in its order, good and bad alike
    List<Row> direct = CsvRowReaderTest.readAll(open(new ByteArrayInputStream(csv)));
    assertThat(rows).hasSize(count);
    assertThat(rows).extracting(Row::number).isEqualTo(direct.stream().map(Row::number).toList());
    assertThat(rows.stream().filter(Row.Bad.class::isInstance).count())
        .isEqualTo(direct.stream().filter(Row.Bad.class::isInstance).count())
        .isPositive();
  }

  @Test
  void shouldGiveRowsReadBeforeAFailureThenThrowItWhenTheObjectBreaks() throws IOException {
    // given: good rows, then a quote never closed
    byte[] csv =
        (new String(csv(1_000, Integer::toString), StandardCharsets.UTF_8)
                + "o-x,\"Never closed,1,EUR,2026-01-01T00:00:00Z,\n")
            .getBytes(StandardCharsets.UTF_8);

    // when
    List<Row> rows = new ArrayList<>();
    try (ReadAhead ahead = ReadAhead.start(open(new ByteArrayInputStream(csv)), "test-rows")) {
      assertThatThrownBy(
              () -> {
                for (Optional<Row> row = ahead.next(); row.isPresent(); row = ahead.next()) {
                  rows.add(row.get());
                }
              })
          // then
          .isInstanceOf(JacksonException.class);
    }
    assertThat(rows).hasSize(1_000);
  }

  @Test
  void shouldStopReadingAFewBatchesAheadWhenNobodyTakesRows() throws Exception {
    // given: an object far larger than the batches that may wait
    byte[] csv = csv(100_000, Integer::toString);
    AtomicLong read = new AtomicLong();
    ByteArrayInputStream counted =
        new ByteArrayInputStream(csv) {
          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            int n = super.read(buffer, offset, length);
            read.addAndGet(Math.max(n, 0));
            return n;
          }
        };

    // when: the reader runs while nothing is taken
    try (ReadAhead ahead = ReadAhead.start(open(counted), "test-rows")) {
      Thread reader = thread("test-rows");
      await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.WAITING);

      // then: it waits with a bounded part of the object read
      assertThat(read.get()).isLessThan(csv.length / 4);
      assertThat(ahead.next()).isPresent();
    }
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static CsvRowReader open(java.io.InputStream in) throws IOException {
    return CsvRowReader.open(in, EtlTestData.orders(), 1 << 20);
  }

  private static byte[] csv(int rows, java.util.function.IntFunction<String> amount) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 1; i <= rows; i++) {
      csv.append("o-")
          .append(i)
          .append(",Customer ")
          .append(i)
          .append(',')
          .append(amount.apply(i))
          .append(",EUR,2026-01-01T00:00:00Z,\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
