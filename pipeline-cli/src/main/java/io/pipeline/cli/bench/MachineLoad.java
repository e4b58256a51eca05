package io.pipeline.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * How busy the machine's CPUs were over a span, how much of that was this JVM, and how much its JIT
 * compiler: on a shared machine, what other processes took is what the figures lack, and while the
 * JIT compiler still compiles the measured paths it takes the cores they run on. Reads {@code
 * /proc/stat} and this process's threads under {@code /proc/self/task} (Linux); elsewhere nothing
 * is known.
 */
final class MachineLoad {

  private static final Path STAT = Path.of("/proc/stat");
  private static final Path THREADS = Path.of("/proc/self/task");

  /** CPU time counters at one moment; ticks are the kernel's clock ticks. */
  private record Counters(
      long busyTicks, long totalTicks, long jitTicks, long processNanos, long wallNanos) {}

  /**
   * Shares of the machine's CPU time over a span, from 0 to 1.
   *
   * @param machine the share all processes used
   * @param process the share this JVM used
   * @param jit the share this JVM's JIT compiler threads used, counted from the threads alive at
   *     either end: one that ends within the span takes its ticks with it
   */
  record Share(double machine, double process, double jit) {
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
                          (to.processNanos() - from.processNanos()) / (wall * cores),
                          Math.max(0, to.jitTicks() - from.jitTicks()) / ticks);
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
      return Optional.of(new Counters(total - idle, total, jitTicks(), process, System.nanoTime()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The CPU ticks of this JVM's compiler threads ({@code C1 CompilerThre...}, {@code C2 ...}). */
  private static long jitTicks() throws IOException {
    long ticks = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(THREADS)) {
      for (Path thread : threads) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        // pid (comm) state ppid ... utime stime: the name may hold spaces, so split after ')'
        int nameEnd = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, nameEnd);
        if (name.contains("CompilerThre")) {
          String[] fields = stat.substring(nameEnd + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    }
    return ticks;
  }
}
