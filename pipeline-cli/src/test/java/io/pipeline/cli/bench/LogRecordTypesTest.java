package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogRecordTypesTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldReadEachEntrysTypeWhereverItStandsAndWhateverItsDetailsHold() {
    // given two entries whose details hold a "type" field, quotes, braces and arrays in strings
    byte[] record =
        utf8(
            "[ {\"id\":\"3\",\"details\":{\"type\":\"not this\",\"input\":\"{\\\"type\\\":"
                + " \\\"nor this\\\", \\\"a\\\": [1, {}]}\"},"
                + "\"type\":\"ChoiceStateEntered\",\"execution_arn\":\"arn\"},\n"
                + " {\"id\": \"4\", \"list\": [\"type\", {\"type\": \"no\"}], \"count\": 7,"
                + " \"type\" : \"ChoiceStateExited\", \"details\": {}} ]");

    // when / then
    assertThat(LogRecordTypes.of(record))
        .containsExactly("ChoiceStateEntered", "ChoiceStateExited");
  }

  @Test
  void shouldReadNoTypeFromAValueThatIsNoArrayOfEntries() {
    assertThat(LogRecordTypes.of(utf8("{\"type\": \"PassStateEntered\"}"))).isEmpty();
    assertThat(LogRecordTypes.of(utf8("[\"type\", \"PassStateEntered\"]"))).isEmpty();
    assertThat(LogRecordTypes.of(utf8("[{\"id\": "))).isEmpty();
    assertThat(LogRecordTypes.of(utf8("[{\"type\": \"PassStateEnt"))).isEmpty();
    assertThat(LogRecordTypes.of(null)).isEmpty();
  }

  @Test
  void shouldReadTheEntriesBeforeWhereARecordBreaksOff() {
    assertThat(
            LogRecordTypes.of(
                utf8("[{\"type\": \"PassStateEntered\"}, {\"type\": \"PassStateExited\", \"de")))
        .containsExactly("PassStateEntered", "PassStateExited");
  }
}
