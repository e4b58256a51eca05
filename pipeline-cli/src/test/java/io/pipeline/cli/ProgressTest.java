package io.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final StringWriter err = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();
  private final Progress progress =
      new Progress(
          new PrintWriter(err), "orders.jsonl", 1_000_000, Duration.ofSeconds(2), nanos::get);

  @Test
  void shouldStayQuietBeforeTheFirstInterval() {
    nanos.set(Duration.ofMillis(1_999).toNanos());
    progress.update(50_000, 500_000);

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void shouldPrintRecordsRateAndShareOfBytesOncePerInterval() {
    nanos.set(Duration.ofSeconds(2).toNanos());
    progress.update(40_000, 250_000);
    nanos.set(Duration.ofSeconds(3).toNanos());
    progress.update(60_000, 400_000);
    nanos.set(Duration.ofSeconds(4).toNanos());
    progress.update(80_000, 500_000);

    assertThat(err.toString().lines())
        .containsExactly(
            "40,000 records (20,000 records/s), 25.0% of orders.jsonl read",
            "80,000 records (20,000 records/s), 50.0% of orders.jsonl read");
  }
}
