package io.pipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress lines for a long input: at most one per interval, with the records so far, their rate
 * and how much of the input was read. Nothing is printed before the first interval has passed, so
 * short inputs stay quiet.
 */
final class Progress {

  private final PrintWriter err;
  private final String what;
  private final long totalBytes;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final long started;
  private long nextReport;

  /**
   * @param err where the lines go
   * @param what the input's name, shown in each line
   * @param totalBytes the input's size, for the percentage
   * @param interval the least time between two lines
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  Progress(
      PrintWriter err, String what, long totalBytes, Duration interval, LongSupplier nanoClock) {
    this.err = err;
    this.what = what;
    this.totalBytes = totalBytes;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.nextReport = started + intervalNanos;
  }

  /** Prints a line when the interval has passed since the last one (or the start). */
  void update(long records, long bytesRead) {
    long now = nanoClock.getAsLong();
    if (now - nextReport < 0) {
      return;
    }
    nextReport = now + intervalNanos;
    err.println(line(records, bytesRead, now - started));
    err.flush();
  }

  String line(long records, long bytesRead, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    double percent = totalBytes == 0 ? 100 : Math.min(100.0, 100.0 * bytesRead / totalBytes);
    return String.format(
        Locale.ROOT,
        "%,d records (%,.0f records/s), %.1f%% of %s read",
        records,
        records / seconds,
        percent,
        what);
  }
}
