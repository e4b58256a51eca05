package io.pipeline.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
