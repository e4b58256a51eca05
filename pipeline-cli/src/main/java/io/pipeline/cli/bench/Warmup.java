package io.pipeline.cli.bench;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A benchmark's warm-up: the runs asked for, then more while the JIT compiler still took more than
 * a tenth of the machine's CPU in the last one, up to {@link #MAX_RUNS} in all. One process holds
 * the broker, the clients and the code measured: on two cores, after a single run of the workflow
 * benchmark, the compiler still took a quarter to a half of the CPU through the next.
 */
public final class Warmup {

  /** The JIT compiler's share of the CPU below which a run counts as warm. */
  static final double SETTLED = 0.10;

  /** Warm-up runs at most, unless more were asked for. */
  public static final int MAX_RUNS = 6;

  /** One run of a benchmark. */
  @FunctionalInterface
  public interface Run {
    void run() throws Exception;
  }

  private Warmup() {}

  /**
   * Runs the warm-up.
   *
   * @param minimum the runs asked for: none means no warm-up at all
   */
  public static void run(PrintWriter out, int minimum, Run run) throws Exception {
    run(
        out,
        minimum,
        run,
        () -> {
          MachineLoad load = MachineLoad.start();
          return () -> load.share().map(MachineLoad.Share::jit);
        });
  }

  /** How the JIT compiler's share of the CPU over a span is known. */
  @FunctionalInterface
  interface JitShare {
    /** Starts a span now; the answer gives the share since, empty where it is not known. */
    Supplier<Optional<Double>> since();
  }

  static void run(PrintWriter out, int minimum, Run run, JitShare jitShare) throws Exception {
    Optional<Double> jit = Optional.empty();
    int done = 0;
    while (done < minimum
        || (done > 0 && done < MAX_RUNS && jit.filter(share -> share > SETTLED).isPresent())) {
      done++;
      out.printf(
          done <= minimum
              ? "Warm-up run %d...%n"
              : "Warm-up run %d (the JIT compiler still took more than a tenth of the CPU)...%n",
          done);
      out.flush();
      Supplier<Optional<Double>> span = jitShare.since();
      run.run();
      jit = span.get();
      jit.ifPresent(
          share ->
              out.printf("  the JIT compiler took %.0f%% of the machine's CPU%n", share * 100));
    }
  }
}
