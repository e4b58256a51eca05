package io.pipeline.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmIT {

  @TempDir Path dir;

  /** A program that never ends by itself. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("ready " + args[0] + " " + System.getenv("CHILD_MARKER"));
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** A program that starts a process of its own, says its pid, and never ends. */
  public static final class Starter {
    public static void main(String[] args) throws Exception {
      Process sleep = new ProcessBuilder("sleep", "300").start();
      System.out.println("started " + sleep.pid());
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void shouldKillWhatTheChildStartedWhenClosedWhileItRuns() throws Exception {
    // given
    ChildJvm child = ChildJvm.start(Starter.class, List.of(), Map.of(), dir.resolve("out.log"));
    assertThat(child.awaitOutput("started ", Duration.ofSeconds(30))).isTrue();
    long started =
        Long.parseLong(child.output().substring(child.output().indexOf("started ") + 8).trim());
    assertThat(ProcessHandle.of(started).map(ProcessHandle::isAlive)).contains(true);

    // when
    child.close();

    // then
    Optional<ProcessHandle> left = ProcessHandle.of(started);
    if (left.isPresent()) {
      left.get().onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void shouldKillChildWithSigkill() {
    try (ChildJvm child =
        ChildJvm.start(
            Sleeper.class, List.of("one"), Map.of("CHILD_MARKER", "two"), dir.resolve("out.log"))) {
      assertThat(child.awaitOutput("ready one two", Duration.ofSeconds(30))).isTrue();

      int exit = child.kill();

      assertThat(child.isAlive()).isFalse();
      assertThat(exit).isEqualTo(128 + 9);
    }
  }
}
