package io.pipeline.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartsTest {

  @Test
  void shouldCloseLastStartedFirstAndGoOnPastAFailure() {
    List<String> closed = new ArrayList<>();
    Parts parts = new Parts("test");
    parts.track(() -> closed.add("kafka client"));
    parts.track(
        () -> {
          closed.add("broken bridge");
          throw new IllegalStateException("cannot close");
        });
    parts.track(() -> closed.add("http server"));

    parts.close();

    assertThat(closed).containsExactly("http server", "broken bridge", "kafka client");
    parts.close();
    assertThat(closed).hasSize(3);
  }
}
