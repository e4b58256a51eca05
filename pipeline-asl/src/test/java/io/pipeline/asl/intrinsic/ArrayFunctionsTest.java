package io.pipeline.asl.intrinsic;

import static io.pipeline.asl.intrinsic.IntrinsicFixture.evaluate;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.failure;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.invalidArguments;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import org.junit.jupiter.api.Test;

class ArrayFunctionsTest {

  @Test
  void shouldBuildArrayWhenArgumentsAreMixed() {
    // given
    String input = "{\"fst\":{\"Arg1\":1,\"Arg2\":[]},\"snd\":null}";

    // when
    JsonNode result = evaluate("States.Array($.fst, $.snd, 'x', 2, true)", input);

    // then
    assertThat(result).isEqualTo(json("[{\"Arg1\":1,\"Arg2\":[]},null,\"x\",2,true]"));
    assertThat(evaluate("States.Array()")).isEqualTo(json("[]"));
  }

  @Test
  void shouldChunkArrayWhenPartitioned() {
    // given
    String input = "{\"arr\":[0,1,2,3]}";

    // when / then
    assertThat(evaluate("States.ArrayPartition($.arr, 3)", input)).isEqualTo(json("[[0,1,2],[3]]"));
    assertThat(evaluate("States.ArrayPartition($.arr, 1)", input))
        .isEqualTo(json("[[0],[1],[2],[3]]"));
    assertThat(evaluate("States.ArrayPartition($.arr, 5)", input)).isEqualTo(json("[[0,1,2,3]]"));
    assertThat(evaluate("States.ArrayPartition(States.Array(), 2)")).isEqualTo(json("[]"));
  }

  @Test
  void shouldCutChunkSizeTowardsZeroWhenItIsFractional() {
    // when
    JsonNode result = evaluate("States.ArrayPartition(States.Array(1, 2, 3, 4, 5), 2.6)");

    // then
    assertThat(result).isEqualTo(json("[[1,2],[3,4],[5]]"));
  }

  @Test
  void shouldFailWhenChunkSizeIsBelowOne() {
    // given
    String expression = "States.ArrayPartition($.arr, 0.6)";

    // when
    StateFailure failure = failure(expression, "{\"arr\":[1,2,3]}");

    // then
    assertThat(failure.error()).isEqualTo(StatesErrors.RUNTIME);
    assertThat(failure.cause()).isEqualTo(invalidArguments(expression, "States.ArrayPartition"));
    assertThat(failure("States.ArrayPartition('not-array', 2)").cause())
        .endsWith("Invalid arguments in States.ArrayPartition");
  }

  @Test
  void shouldFindElementWhenItsJavaTextIsEqual() {
    // given
    String input =
        "{\"nested\":[[1,2,3],2],\"objects\":[{\"1\":2,\"2\":[]}],\"flags\":[\"true\",\"x\"]}";

    // when / then
    assertThat(evaluate("States.ArrayContains($.nested, States.Array(1, 2, 3))", input).asBoolean())
        .isTrue();
    assertThat(evaluate("States.ArrayContains($.nested, null)", input).asBoolean()).isFalse();
    assertThat(evaluate("States.ArrayContains($.objects, $.objects[0])", input).asBoolean())
        .isTrue();
    assertThat(evaluate("States.ArrayContains($.flags, true)", input).asBoolean()).isTrue();
    assertThat(evaluate("States.ArrayContains(States.Array(), 1)").asBoolean()).isFalse();
  }

  @Test
  void shouldNotMatchObjectWhenKeysAreInAnotherOrder() {
    // given
    String input = "{\"arr\":[{\"a\":1,\"b\":2}],\"target\":{\"b\":2,\"a\":1}}";

    // when
    JsonNode result = evaluate("States.ArrayContains($.arr, $.target)", input);

    // then
    assertThat(result.asBoolean()).isFalse();
  }

  @Test
  void shouldCountInclusiveRangeWhenStepFitsExactly() {
    // when / then
    assertThat(evaluate("States.ArrayRange(0, 9, 3)")).isEqualTo(json("[0,3,6,9]"));
    assertThat(evaluate("States.ArrayRange(0, 10, 3)")).isEqualTo(json("[0,3,6,9]"));
    assertThat(evaluate("States.ArrayRange(5, 1, -2)")).isEqualTo(json("[5,3,1]"));
    assertThat(evaluate("States.ArrayRange(3, 3, -1)")).isEqualTo(json("[3]"));
    assertThat(evaluate("States.ArrayRange(5, 1, 1)")).isEqualTo(json("[]"));
    assertThat(evaluate("States.ArrayRange(5.4, -0.6, -2.4)")).isEqualTo(json("[5,3,1]"));
  }

  @Test
  void shouldFailRangeWhenItWouldExceedOneThousandElements() {
    // given
    String tooLong = "States.ArrayRange(1, 1001, 1)";

    // when
    JsonNode longest = evaluate("States.ArrayRange(1000, 1, -1)");
    StateFailure failure = failure(tooLong);

    // then
    assertThat(longest).hasSize(1000);
    assertThat(failure.cause()).isEqualTo(invalidArguments(tooLong, "States.ArrayRange"));
    assertThat(failure("States.ArrayRange(1, 10, 0.49)").cause())
        .endsWith("Invalid arguments in States.ArrayRange");
    assertThat(failure("States.ArrayRange('a', 5, 1)").cause())
        .endsWith("Invalid arguments in States.ArrayRange");
  }

  @Test
  void shouldReturnItemWhenIndexIsInRange() {
    // given
    String input = "{\"fst\":[1,2,3,4,5,6,7,8,9],\"snd\":5}";

    // when / then
    assertThat(evaluate("States.ArrayGetItem($.fst, $.snd)", input)).isEqualTo(json("6"));
    assertThat(evaluate("States.ArrayGetItem($.fst, 1.9)", input)).isEqualTo(json("2"));
  }

  @Test
  void shouldFailWhenIndexIsOutOfRange() {
    // given
    String input = "{\"arr\":[10,20,30]}";
    String expression = "States.ArrayGetItem($.arr, 3)";

    // when
    StateFailure failure = failure(expression, input);

    // then
    assertThat(failure.error()).isEqualTo(StatesErrors.RUNTIME);
    assertThat(failure.cause()).isEqualTo(invalidArguments(expression, "States.ArrayGetItem"));
    assertThat(failure("States.ArrayGetItem($.arr, -1)", input).cause())
        .endsWith("Invalid arguments in States.ArrayGetItem");
    assertThat(failure("States.ArrayGetItem($.arr, '1')", input).cause())
        .endsWith("Invalid arguments in States.ArrayGetItem");
  }

  @Test
  void shouldReturnNullWhenArrayIsEmpty() {
    // when
    JsonNode result = evaluate("States.ArrayGetItem(States.Array(), 999)");

    // then
    assertThat(result.isNull()).isTrue();
  }

  @Test
  void shouldCountElementsWhenLengthIsAsked() {
    // given
    String input = "{\"arr\":[null,1,\"a\",[],{}]}";

    // when / then
    assertThat(evaluate("States.ArrayLength($.arr)", input)).isEqualTo(json("5"));
    assertThat(failure("States.ArrayLength('not-array')").cause())
        .isEqualTo(invalidArguments("States.ArrayLength('not-array')", "States.ArrayLength"));
  }

  @Test
  void shouldDropDuplicatesInHashSetOrderWhenMadeUnique() {
    // given
    String input =
        "{\"nums\":[1,2,3,3,3,4],\"flags\":[true,false,true,false],"
            + "\"lists\":[[1,2],[1,2],[2,1]],\"mixed\":[null,null,1,null],"
            + "\"objects\":[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1}],\"lookalikes\":[1,\"1\",1,\"01\"]}";

    // when / then
    assertThat(evaluate("States.ArrayUnique($.nums)", input)).isEqualTo(json("[1,2,3,4]"));
    assertThat(evaluate("States.ArrayUnique($.flags)", input)).isEqualTo(json("[false,true]"));
    assertThat(evaluate("States.ArrayUnique($.lists)", input)).isEqualTo(json("[[2,1],[1,2]]"));
    assertThat(evaluate("States.ArrayUnique($.mixed)", input)).isEqualTo(json("[null,1]"));
    assertThat(evaluate("States.ArrayUnique($.objects)", input))
        .isEqualTo(json("[{\"a\":1,\"b\":2}]"));
    assertThat(evaluate("States.ArrayUnique($.lookalikes)", input))
        .isEqualTo(json("[1,\"1\",\"01\"]"));
  }

  @Test
  void shouldFailUniqueWhenArgumentIsNotAnArray() {
    // when
    StateFailure failure = failure("States.ArrayUnique($.obj)", "{\"obj\":{\"a\":1}}");

    // then
    assertThat(failure.cause())
        .isEqualTo(invalidArguments("States.ArrayUnique($.obj)", "States.ArrayUnique"));
  }
}
