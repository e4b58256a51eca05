package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
}
