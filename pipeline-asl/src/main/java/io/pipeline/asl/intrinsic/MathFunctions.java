package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Random;
import java.util.random.RandomGenerator;

/** {@code States.MathAdd} and {@code States.MathRandom}, over Java {@code int}s as on AWS. */
final class MathFunctions {

  private MathFunctions() {}

  /**
   * {@code States.MathAdd(a, b)}: each number rounded half up, then added; operands and sum must
   * fit a 32-bit integer.
   */
  static JsonNode add(FunctionArguments args) {
    args.requireCount(2);
    long first = args.toInt(args.rounded(0));
    long second = args.toInt(args.rounded(1));
    return IntNode.valueOf(args.toInt(first + second));
  }

  /**
   * {@code States.MathRandom(start, end[, seed])}: an integer from {@code start} inclusive to
   * {@code end} exclusive, fractions cut towards zero. With a seed the draw is {@code new
   * java.util.Random(seed).nextInt(end - start) + start}, AWS's own; without one it comes from the
   * context's generator.
   */
  static JsonNode random(FunctionArguments args, RandomGenerator random) {
    args.requireCount(2, 3);
    int start = args.truncatedInt(0);
    int end = args.truncatedInt(1);
    if (start >= end) {
      throw args.invalid();
    }
    long span = (long) end - start;
    if (args.size() == 3) {
      Random seeded = new Random(args.truncated(2));
      long offset = span <= Integer.MAX_VALUE ? seeded.nextInt((int) span) : seeded.nextLong(span);
      return IntNode.valueOf((int) (start + offset));
    }
    return IntNode.valueOf(random.nextInt(start, end));
  }
}
