package io.pipeline.cli.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Waiting for a count that other threads raise. */
final class Await {

  private Await() {}

  /**
   * Waits, looking every 2 ms, until the count reaches the target.
   *
   * @param what what is counted, for the message
   * @throws IllegalStateException when it did not in time
   */
  static void count(LongSupplier count, long target, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.getAsLong() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + count.getAsLong() + " of " + target + " " + what + " in " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
  }
}
