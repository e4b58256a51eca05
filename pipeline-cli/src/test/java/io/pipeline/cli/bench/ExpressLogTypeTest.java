package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExpressLogTypeTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldReadTheTypeWhenFieldsBeforeItHoldObjects() {
    // given
    byte[] entry =
        utf8(
            "{\"id\":\"3\",\"details\":{\"type\":\"not this\",\"name\":\"Check\"},"
                + "\"type\":\"ChoiceStateEntered\",\"execution_arn\":\"arn\"}");

    // when / then
    assertThat(WorkflowBench.logType(entry)).contains("ChoiceStateEntered");
  }

  @Test
  void shouldAnswerEmptyWhenTheValueIsNoLogEntry() {
    assertThat(WorkflowBench.logType(utf8("[1, 2]"))).isEmpty();
    assertThat(WorkflowBench.logType(utf8("{\"id\": "))).isEmpty();
    assertThat(WorkflowBench.logType(null)).isEmpty();
  }
}
