package io.pipeline.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UuidFunctionTest {

  private static final String VERSION_4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Test
  void shouldMakeVersion4UuidFromGeneratorWhenCalled() {
    // given
    IntrinsicCall call = Intrinsics.parse("States.UUID()");

    // when
    JsonNode first = Intrinsics.evaluate(call, new IntrinsicContext(null, null, new Random(1)));
    JsonNode replay = Intrinsics.evaluate(call, new IntrinsicContext(null, null, new Random(1)));
    JsonNode other = Intrinsics.evaluate(call, new IntrinsicContext(null, null, new Random(2)));

    // then
    assertThat(first.textValue()).matches(VERSION_4);
    assertThat(replay).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void shouldIgnoreArgumentsWhenSomeAreGiven() {
    // when
    JsonNode result = IntrinsicFixture.evaluate("States.UUID(1, 'x', null)");

    // then
    assertThat(result.textValue()).matches(VERSION_4);
  }
}
