package io.pipeline.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

  /** The group of this JVM's threads the JIT compiler's threads are counted in. */
  static final String JIT = "JIT compiler";

  /** The group of the garbage collector's threads, and the VM thread that stops the others. */
  static final String GC = "garbage collector, safepoints";

  /** What {@link #cpuSeconds} calls the CPU time of every other process on the machine. */
  static final String OTHER_PROCESSES = "other processes";

  /**
   * The groups this JVM's threads are counted in, by the first 15 characters of their names (what
   * Linux keeps): a thread whose name starts with a key is in its group, any other in "rest of the
   * JVM".
   */
  private static final Map<String, String> GROUPS =
      Map.of(
          "C1 CompilerThre",
          JIT,
          "C2 CompilerThre",
          JIT,
          "GC Thread",
          GC,
          "G1 ",
          GC,
          "VM Thread",
          GC,
          "data-plane-kafk",
          "Kafka broker's request threads",
          "kafka-producer-",
          "Kafka producers' network threads",
          "mqtt-bridge-sen",
          "MQTT bridge's mapping and sends",
          "com.hivemq.clie",
          "MQTT clients' event loops",
          "RxComputationTh",
          "MQTT clients' callbacks");

  private static final String REST = "rest of the JVM";

  /** A thread of this JVM: its group and the CPU ticks it has used since it started. */
  private record ThreadTicks(String group, long ticks) {}

  /**
   * CPU time counters at one moment; ticks are the kernel's clock ticks.
   *
   * @param threads this JVM's threads, by Linux thread id
   */
  private record Counters(
      long busyTicks,
      long totalTicks,
      Map<String, ThreadTicks> threads,
      long processNanos,
      long wallNanos) {

    /**
     * The ticks this JVM's threads used between {@code from} and these counters, by group. Each
     * thread counts what it used since {@code from} (all of it, if it started since); one that
     * ended in between is not there, and takes its time with it.
     */
    Map<String, Long> spentSince(Counters from) {
      Map<String, Long> spent = new HashMap<>();
      threads.forEach(
          (tid, now) -> {
            ThreadTicks before = from.threads().get(tid);
            long since = now.ticks() - (before == null ? 0 : before.ticks());
            spent.merge(now.group(), Math.max(0, since), Long::sum);
          });
      return spent;
    }
  }

  /**
   * Shares of the machine's CPU time over a span, from 0 to 1.
   *
   * @param machine the share all processes used
   * @param process the share this JVM used
   * @param jit the share this JVM's JIT compiler threads used, counted from the threads alive at
   *     its end: one that ends within the span takes its ticks with it
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

  /**
   * The CPU time spent since the span started, in seconds, by group of this JVM's threads (those
   * alive at its end: one that ended within the span takes its time with it) and by {@value
   * #OTHER_PROCESSES}; empty where {@code /proc} cannot be read.
   */
  Optional<Map<String, Double>> cpuSeconds() {
    return start.flatMap(
        from ->
            counters()
                .map(
                    to -> {
                      int cores = Runtime.getRuntime().availableProcessors();
                      double ticks = Math.max(1, to.totalTicks() - from.totalTicks());
                      // The kernel's ticks over all cores, turned into seconds by the span's wall
                      // time: no clock-tick constant to look up.
                      double secondsPerTick =
                          (to.wallNanos() - from.wallNanos()) / 1e9 * cores / ticks;
                      Map<String, Double> seconds = new TreeMap<>();
                      long jvmTicks = 0;
                      for (Map.Entry<String, Long> group : to.spentSince(from).entrySet()) {
                        jvmTicks += group.getValue();
                        seconds.put(group.getKey(), group.getValue() * secondsPerTick);
                      }
                      long others = (to.busyTicks() - from.busyTicks()) - jvmTicks;
                      seconds.put(OTHER_PROCESSES, Math.max(0, others) * secondsPerTick);
                      return seconds;
                    }));
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
                          to.spentSince(from).getOrDefault(JIT, 0L) / ticks);
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
      return Optional.of(
          new Counters(total - idle, total, threadTicks(), process, System.nanoTime()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** This JVM's threads, by Linux thread id, with their groups ({@link #GROUPS}) and ticks. */
  private static Map<String, ThreadTicks> threadTicks() throws IOException {
    Map<String, ThreadTicks> ticks = new HashMap<>();
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
        String[] fields = stat.substring(nameEnd + 2).split(" ");
        ticks.put(
            thread.getFileName().toString(),
            new ThreadTicks(group(name), Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
      }
    }
    return ticks;
  }

  /** The group of a thread by its name as Linux keeps it (15 characters at most). */
  static String group(String name) {
    return GROUPS.entrySet().stream()
        .filter(group -> name.startsWith(group.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(REST);
  }
}
