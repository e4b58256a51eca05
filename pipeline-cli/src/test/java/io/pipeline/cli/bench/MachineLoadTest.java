package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The CPU shares this JVM reads from Linux's {@code /proc}. */
class MachineLoadTest {

  /** Code the JIT compiles once it is hot; each copy of the class is compiled anew. */
  public static final class Hot {
    public static long spin(long seed) {
      long x = seed;
      for (int i = 0; i < 1_000; i++) {
        x = (x * 6364136223846793005L + 1442695040888963407L) ^ (x >>> 17);
        if ((x & 7) == 3) {
          x += i;
        }
      }
      return x;
    }
  }

  /** Defines a fresh copy of {@link Hot}: new methods, unknown to the compiler. */
  private static final class CopyLoader extends ClassLoader {
    private final byte[] bytes;

    CopyLoader(byte[] bytes) {
      super(null);
      this.bytes = bytes;
    }

    @Override
    protected Class<?> findClass(String name) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  @Test
  void shouldSeeTheJitCompilerWorkWhileFreshCodeGetsHot() throws Exception {
    assumeThat(Files.isReadable(Path.of("/proc/self/task"))).as("Linux").isTrue();
    byte[] bytes;
    try (InputStream in = Hot.class.getResourceAsStream("MachineLoadTest$Hot.class")) {
      bytes = in.readAllBytes();
    }
    MachineLoad load = MachineLoad.start();

    // when copy after copy of the class gets hot, for up to 20 s
    Optional<MachineLoad.Share> share = Optional.empty();
    long deadline = System.nanoTime() + 20_000_000_000L;
    long sink = 0;
    while (System.nanoTime() < deadline
        && share.filter(s -> s.jit() > 0 && s.process() > 0).isEmpty()) {
      for (int copy = 0; copy < 20; copy++) {
        Method spin =
            new CopyLoader(bytes).loadClass(Hot.class.getName()).getMethod("spin", long.class);
        for (int call = 0; call < 20_000; call++) {
          sink += (long) spin.invoke(null, sink + call);
        }
      }
      share = load.share();
    }

    // then
    assertThat(share).isPresent();
    assertThat(share.get().jit()).as("the compiler's share, sink %d", sink).isPositive();
    assertThat(share.get().jit()).isLessThanOrEqualTo(share.get().machine());
    assertThat(share.get().machine()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void shouldCountAThreadsCpuTimeInItsGroup() throws Exception {
    assumeThat(Files.isReadable(Path.of("/proc/self/task"))).as("Linux").isTrue();
    MachineLoad load = MachineLoad.start();

    // when a thread named as the MQTT bridge's sender spins for 300 ms of wall time, and is still
    // there at the end of the span (one that ended takes its time with it)
    Spinner spinner = Spinner.start("mqtt-bridge-sender-test", 300);
    Optional<Map<String, Double>> seconds = load.cpuSeconds();
    spinner.end();

    // then its group holds most of that time, and no more than the span's wall time
    assertThat(seconds).isPresent();
    assertThat(seconds.get().get("MQTT bridge's mapping and sends")).isBetween(0.1, 1.0);
    assertThat(seconds.get()).containsKey(MachineLoad.OTHER_PROCESSES);
  }

  @Test
  void shouldNotLetAThreadThatEndedTakeTimeFromTheOthersOfItsGroup() throws Exception {
    assumeThat(Files.isReadable(Path.of("/proc/self/task"))).as("Linux").isTrue();
    // given a thread of a group that used 300 ms before the span, and ends within it
    Spinner old = Spinner.start("mqtt-bridge-sender-old", 300);
    MachineLoad load = MachineLoad.start();
    old.end();

    // when another thread of the group spins for 150 ms within the span
    Spinner young = Spinner.start("mqtt-bridge-sender-new", 150);
    Optional<Map<String, Double>> seconds = load.cpuSeconds();
    young.end();

    // then the group holds the new thread's time, not less for the old one's earlier time
    assertThat(seconds).isPresent();
    assertThat(seconds.get().get("MQTT bridge's mapping and sends")).isBetween(0.07, 1.0);
  }

  /** A named thread that spins for a while, then waits to be ended. */
  private record Spinner(Thread thread, CountDownLatch release) {

    /** Starts it, and returns once it has spun for {@code millis} of wall time. */
    static Spinner start(String name, long millis) throws InterruptedException {
      CountDownLatch spun = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread thread =
          new Thread(
              () -> {
                long until = System.nanoTime() + millis * 1_000_000L;
                long x = 1;
                while (System.nanoTime() < until) {
                  x = x * 31 + 7;
                }
                if (x == 42) {
                  System.out.println(x);
                }
                spun.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              name);
      thread.start();
      spun.await();
      return new Spinner(thread, release);
    }

    void end() throws InterruptedException {
      release.countDown();
      thread.join();
    }
  }

  @Test
  void shouldGroupThreadsByTheNameLinuxKeeps() {
    assertThat(MachineLoad.group("C2 CompilerThre")).isEqualTo(MachineLoad.JIT);
    assertThat(MachineLoad.group("data-plane-kafk")).isEqualTo("Kafka broker's request threads");
    assertThat(MachineLoad.group("G1 Conc#0")).isEqualTo(MachineLoad.GC);
    assertThat(MachineLoad.group("main")).isEqualTo("rest of the JVM");
  }
}
