package io.pipeline.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * How busy the machine's CPUs were over a span, and how much of that was this JVM: on a shared
 * machine, what other processes took is what the figures lack. Reads {@code /proc/stat} (Linux);
 * elsewhere nothing is known.
 */
final class MachineLoad {

  private static final Path STAT = Path.of("/proc/stat");

  /** CPU time counters at one moment. */
  private record Counters(long busyTicks, long totalTicks, long processNanos, long wallNanos) {}

  /**
   * Shares of the machine's CPU time over a span, from 0 to 1.
   *
   * @param machine the share all processes used
   * @param process the share this JVM used
   */
  record Share(double machine, double process) {
    /** The share other processes used. */
    double others() {
      return Math.max(0, machine - process);
    }
  }

  private final Optional<Counters> start;

  private MachineLoad(Optional<Counters> start) {
    this.start = start;
  }

  /** Starts a span now. */
  static MachineLoad start() {
    return new MachineLoad(counters());
  }

  /** The shares since the span started; empty where {@code /proc/stat} cannot be read. */
  Optional<Share> share() {
    return start.flatMap(
        from ->
            counters()
                .map(
                    to -> {
                      double ticks = Math.max(1, to.totalTicks() - from.totalTicks());
                      double wall = Math.max(1, to.wallNanos() - from.wallNanos());
                      int cores = Runtime.getRuntime().availableProcessors();
                      return new Share(
                          (to.busyTicks() - from.busyTicks()) / ticks,
                          (to.processNanos() - from.processNanos()) / (wall * cores));
                    }));
  }

  private static Optional<Counters> counters() {
    long process =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    try {
      String cpu = Files.readAllLines(STAT).get(0);
      // cpu  user nice system idle iowait irq softirq steal ...
      long[] ticks =
          Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
      long total = Arrays.stream(ticks).limit(8).sum();
      long idle = ticks[3] + ticks[4];
      return Optional.of(new Counters(total - idle, total, process, System.nanoTime()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
