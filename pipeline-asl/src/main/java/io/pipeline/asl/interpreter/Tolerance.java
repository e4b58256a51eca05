package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * How many of a Map's iterations may fail before the Map fails: {@code ToleratedFailureCount} and
 * {@code ToleratedFailurePercentage}. Without either, none may; with one, the other does not limit.
 * A Map Run's tolerance changes through UpdateMapRun.
 */
final class Tolerance {

  /** The cause of a Map's failure when it failed more than it tolerates. */
  static final String CAUSE = "The specified tolerated failure threshold was exceeded";

  long count;
  double percentage;
  boolean set;

  private Tolerance(long count, double percentage, boolean set) {
    this.count = count;
    this.percentage = percentage;
    this.set = set;
  }

  static Tolerance none() {
    return new Tolerance(0, 0, false);
  }

  static Tolerance of(Optional<Long> count, Optional<Double> percentage) {
    Tolerance tolerance = none();
    tolerance.update(count, percentage);
    return tolerance;
  }

  /** Changes the limits given; the first given lifts the default of the other. */
  void update(Optional<Long> newCount, Optional<Double> newPercentage) {
    if (newCount.isEmpty() && newPercentage.isEmpty()) {
      return;
    }
    if (!set) {
      count = Long.MAX_VALUE;
      percentage = 100;
      set = true;
    }
    newCount.ifPresent(c -> count = c);
    newPercentage.ifPresent(p -> percentage = p);
  }

  /** Whether {@code failures} of {@code size} iterations are more than tolerated. */
  boolean exceeded(int failures, int size) {
    if (failures == 0) {
      return false;
    }
    if (!set) {
      return true;
    }
    double failed = size == 0 ? 0 : 100.0 * failures / size;
    return failures > count || failed > percentage;
  }

  void write(ObjectNode json) {
    json.put("toleratedCount", count);
    json.put("toleratedPercentage", percentage);
    json.put("toleranceSet", set);
  }

  static Tolerance read(com.fasterxml.jackson.databind.JsonNode json) {
    return new Tolerance(
        json.path("toleratedCount").asLong(),
        json.path("toleratedPercentage").asDouble(),
        json.path("toleranceSet").asBoolean());
  }
}
