package io.pipeline.cli.bench;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One figure over several runs of a benchmark: its median, and its range in brackets when there was
 * more than one run.
 *
 * @param runs each run's result
 * @param <R> what one run measured
 */
public record Figures<R>(List<R> runs) {

  public Figures {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    runs = List.copyOf(runs);
  }

  /** The median of a figure over the runs. */
  public double median(ToDoubleFunction<R> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  /** A rate, in whole units with thousands separators: {@code 12,345 (11,002-13,870)}. */
  public String rate(ToDoubleFunction<R> figure) {
    return format(figure, "%,.0f");
  }

  /** A ratio, two decimals: {@code 0.52 (0.49-0.55)}. */
  public String ratio(ToDoubleFunction<R> figure) {
    return format(figure, "%.2f");
  }

  /** Milliseconds, whole: {@code 14 (12-19)}. */
  public String millis(ToDoubleFunction<R> figure) {
    return format(figure, "%.0f");
  }

  private String format(ToDoubleFunction<R> figure, String pattern) {
    String median = String.format(Locale.ROOT, pattern, median(figure));
    if (runs.size() == 1) {
      return median;
    }
    DoubleSummaryStatistics range = runs.stream().mapToDouble(figure).summaryStatistics();
    return median
        + " ("
        + String.format(Locale.ROOT, pattern, range.getMin())
        + "-"
        + String.format(Locale.ROOT, pattern, range.getMax())
        + ")";
  }
}
