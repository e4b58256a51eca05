package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowReportTest {

  private static WorkflowBench.Result run(double raw, double standard, double express, long p50) {
    return new WorkflowBench.Result(
        raw,
        standard,
        standard / 5,
        express,
        express / 5,
        express * 2,
        express * 2 / 5,
        p50,
        90,
        120,
        0.05,
        p50 / 100.0);
  }

  private static String print(List<WorkflowBench.Result> runs) {
    StringWriter text = new StringWriter();
    WorkflowReport.print(new PrintWriter(text), runs);
    return text.toString();
  }

  @Test
  void shouldPrintMediansWithRangesAndRatiosToTheRawRateWhenSeveralRuns() {
    // given
    List<WorkflowBench.Result> runs =
        List.of(
            run(20_000, 11_000, 90_000, 25),
            run(24_000, 12_000, 120_000, 28),
            run(22_000, 8_800, 110_000, 40));

    // when
    String report = print(runs);

    // then
    assertThat(report)
        .contains("Median of 3 runs (range in brackets).")
        .contains("| 22,000 (20,000-24,000) | | 1.00 |")
        .contains("| 11,000 (8,800-12,000) | 2,200 (1,760-2,400) | 0.50 (0.40-0.55) |")
        .contains("| 110,000 (90,000-120,000) | 22,000 (18,000-24,000) | 5.00 (4.50-5.00) |")
        .contains("p50 28 (25-40) ms, p99 90 (90-90) ms, max 120 (120-120) ms")
        .contains(
            "Other processes took 5 (5-5)% of the machine's CPU during the runs, this JVM's JIT compiler 28 (25-40)%.");
  }

  @Test
  void shouldSayWhichGoalsAreNotMetWhenTheMediansMissThem() {
    // given
    List<WorkflowBench.Result> runs = List.of(run(30_000, 9_000, 120_000, 20));

    // when
    String report = print(runs);

    // then
    assertThat(report)
        .contains("One run.")
        .contains("| 9,000 | 1,800 | 0.30 |")
        .contains("Standard >= 10,000 transitions/s (NOT met), >= 0.50 of raw EOS (NOT met)")
        .contains("Express >= 100,000 transitions/s: log ALL (met), log OFF (met)")
        .contains("p50 <= 30 ms (met); p99 <= 100 ms (met)");
  }
}
