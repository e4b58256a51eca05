package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How many warm-up runs follow from the JIT compiler's share of the CPU in each. */
class WarmupTest {

  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);
  private final AtomicInteger runs = new AtomicInteger();

  /** Runs with the compiler's share in each run given in turn. */
  private void warmUp(int minimum, Double... shares) throws Exception {
    Queue<Double> left = new ArrayDeque<>(List.of(shares));
    Warmup.run(
        out,
        minimum,
        runs::incrementAndGet,
        () -> () -> Optional.ofNullable(left.poll()).filter(share -> share >= 0));
  }

  @Test
  void shouldRunAsManyAsAskedWhileTheCompilerTookMoreThanATenthOfTheCpu() throws Exception {
    // when the compiler settles by the second run
    warmUp(2, 0.40, 0.05);

    // then
    assertThat(runs).hasValue(2);
    assertThat(text.toString())
        .contains("Warm-up run 2...")
        .contains("the JIT compiler took 40% of the machine's CPU")
        .doesNotContain("Warm-up run 3");
  }

  @Test
  void shouldRunMoreUntilTheCompilerTakesATenthOfTheCpuOrLess() throws Exception {
    // when it took a quarter, then 12%, then 9%
    warmUp(1, 0.25, 0.12, 0.09, 0.30);

    // then
    assertThat(runs).hasValue(3);
    assertThat(text.toString())
        .contains("Warm-up run 3 (the JIT compiler still took more than a tenth of the CPU)...")
        .contains("the JIT compiler took 9% of the machine's CPU");
  }

  @Test
  void shouldStopAtTheLimitWhenTheCompilerNeverSettles() throws Exception {
    warmUp(1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);

    assertThat(runs).hasValue(Warmup.MAX_RUNS);
  }

  @Test
  void shouldRunOnlyWhatWasAskedWhenTheCompilersShareIsUnknown() throws Exception {
    warmUp(1, -1.0, -1.0);

    assertThat(runs).hasValue(1);
    assertThat(text.toString()).doesNotContain("JIT compiler took");
  }

  @Test
  void shouldRunNoneWhenNoneWasAsked() throws Exception {
    warmUp(0, 0.9);

    assertThat(runs).hasValue(0);
    assertThat(text.toString()).isEmpty();
  }
}
