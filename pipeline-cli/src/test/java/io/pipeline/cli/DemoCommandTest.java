package io.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void shouldDeleteItsFreshDataFolderOnlyAfterEveryPartStartedInItHasStopped() throws IOException {
    // given a demo without --data-dir, whose stack wrote into its fresh folder
    DemoCommand demo = new DemoCommand();
    Path data = demo.defaultData();
    Path written =
        Files.writeString(Files.createDirectories(data.resolve("kafka")).resolve("log"), "x");
    boolean[] presentWhenPartStopped = new boolean[1];
    demo.track(() -> presentWhenPartStopped[0] = Files.exists(written));

    // when it stops
    demo.stopAll();

    // then the part stopped while its data was still there, and then the folder went
    assertThat(presentWhenPartStopped[0]).isTrue();
    assertThat(data).doesNotExist();
  }
}
