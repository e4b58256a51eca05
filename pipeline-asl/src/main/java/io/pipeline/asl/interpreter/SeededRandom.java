package io.pipeline.asl.interpreter;

import java.util.random.RandomGenerator;

/**
 * The execution's randomness: SplitMix64 (Steele, Lea and Flood), whose whole state is one long, so
 * that a stored execution continues with exactly the numbers it would have drawn.
 */
final class SeededRandom implements RandomGenerator {

  private long state;

  SeededRandom(long state) {
    this.state = state;
  }

  /** The state to store; {@code new SeededRandom(state())} continues the same sequence. */
  long state() {
    return state;
  }

  @Override
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
