package io.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.asl.interpreter.LocalRun;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark's definition once: it must succeed with the expected output and enter the
 * expected number of Pass states, so a benchmark can only measure what it claims. Quick enough for
 * {@code mvn verify}.
 */
class BenchmarkDefinitionsTest {

  @Test
  void shouldRunEveryPassStateOfThePassChain() {
    check(
        Definitions.passChain(),
        Definitions.passChainInput(),
        Definitions.passChainOutput(),
        Definitions.PASS_STATES);
  }

  @Test
  void shouldRunEveryStateOfTheJsonataChain() {
    check(
        Definitions.jsonataChain(),
        Definitions.jsonataChainInput(),
        Definitions.jsonataChainOutput(),
        Definitions.JSONATA_STATES);
  }

  @Test
  void shouldGoRoundTheChoiceLoopTheExpectedNumberOfTimes() {
    LocalRun.Result result =
        check(
            Definitions.choiceLoop(),
            Definitions.choiceLoopInput(),
            Definitions.choiceLoopOutput(),
            Definitions.CHOICE_ROUNDS);
    assertThat(countOf(result, "ChoiceStateEntered")).isEqualTo(Definitions.CHOICE_ROUNDS);
    assertThat(countOf(result, "SucceedStateEntered")).isEqualTo(1);
  }

  @Test
  void shouldProcessEveryMapItem() {
    LocalRun.Result result =
        check(
            Definitions.map(),
            Definitions.mapInput(),
            Definitions.mapOutput(),
            Definitions.MAP_ITEMS);
    assertThat(countOf(result, "MapIterationSucceeded")).isEqualTo(Definitions.MAP_ITEMS);
  }

  @Test
  void aRunLeavesItsInputAsItWas() {
    JsonNode input = Definitions.passChainInput();
    Definitions.runChecked(Definitions.parse(Definitions.passChain()), input);
    assertThat(input).isEqualTo(Definitions.passChainInput());
  }

  private static LocalRun.Result check(
      String definition, JsonNode input, JsonNode expectedOutput, long passStates) {
    LocalRun.Result result = Definitions.run(Definitions.parse(definition), input);
    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.execution().output()).contains(expectedOutput);
    assertThat(countOf(result, "PassStateEntered")).isEqualTo(passStates);
    return result;
  }

  private static long countOf(LocalRun.Result result, String type) {
    return result.history().stream().map(HistoryEvent::type).filter(type::equals).count();
  }
}
