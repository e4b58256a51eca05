package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  private final long[] hundred = java.util.stream.LongStream.rangeClosed(1, 100).toArray();

  @Test
  void shouldTakeTheNearestRankWhenValuesAreSorted() {
    // given the values 1 to 100
    // when / then
    assertThat(Percentiles.of(hundred, 0.50)).isEqualTo(50);
    assertThat(Percentiles.of(hundred, 0.99)).isEqualTo(99);
    assertThat(Percentiles.of(hundred, 1.0)).isEqualTo(100);
  }

  @Test
  void shouldRoundTheRankUpWhenItFallsBetweenValues() {
    // given
    long[] three = {10, 20, 30};

    // when
    long p50 = Percentiles.of(three, 0.50);
    long p99 = Percentiles.of(three, 0.99);

    // then
    assertThat(p50).isEqualTo(20);
    assertThat(p99).isEqualTo(30);
  }

  @Test
  void shouldAnswerZeroWhenThereAreNoValues() {
    assertThat(Percentiles.of(new long[0], 0.99)).isZero();
  }
}
