package io.pipeline.cli.bench;

/** Percentiles of measured values by the nearest-rank method. */
final class Percentiles {

  private Percentiles() {}

  /**
   * The value at or below which the share {@code p} of the values lie: the smallest value with at
   * least {@code p * n} values at or below it; 0 for no values.
   *
   * @param sorted the values, in ascending order
   * @param p the share, from 0 (exclusive) to 1
   */
  static long of(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
