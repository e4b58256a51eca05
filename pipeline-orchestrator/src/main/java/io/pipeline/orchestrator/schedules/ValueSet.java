package io.pipeline.orchestrator.schedules;

import java.util.BitSet;

/** The values a cron field allows, e.g. minutes {0, 15, 30, 45}. Immutable. */
final class ValueSet {

  private final BitSet values;

  private ValueSet(BitSet values) {
    this.values = values;
  }

  static ValueSet of(BitSet values) {
    return new ValueSet((BitSet) values.clone());
  }

  static ValueSet of(int... values) {
    BitSet bits = new BitSet();
    for (int value : values) {
      bits.set(value);
    }
    return new ValueSet(bits);
  }

  boolean contains(int value) {
    return value >= 0 && values.get(value);
  }

  /** The smallest allowed value at or above {@code from}, or -1 when there is none. */
  int next(int from) {
    return values.nextSetBit(Math.max(from, 0));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ValueSet set && set.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
