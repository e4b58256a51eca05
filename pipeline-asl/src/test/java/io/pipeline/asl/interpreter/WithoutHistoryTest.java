package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.asl.parse.DefinitionParser;
import org.junit.jupiter.api.Test;

/**
 * An execution that records no history does what one with a history does: the same outcome, the
 * same causes (which name event ids), the same history limit; only its steps carry no events.
 */
class WithoutHistoryTest {

  private static final String BRANCHES_THEN_FAILURE =
      """
      {"StartAt": "Shape", "States": {
        "Shape": {"Type": "Pass", "Parameters": {"n.$": "$.n", "label.$": "States.Format('n={}', $.n)"},
          "Next": "Split"},
        "Split": {"Type": "Parallel", "ResultPath": "$.branches", "Next": "Big?", "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 5, "End": true}}}]},
        "Big?": {"Type": "Choice", "Default": "Broken",
          "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Done"}]},
        "Broken": {"Type": "Pass", "InputPath": "$.missing", "End": true},
        "Done": {"Type": "Succeed"}}}
      """;

  @Test
  void shouldEndAsWithHistoryWhenItSucceeds() {
    // given
    LocalRun.Result recorded = run(BRANCHES_THEN_FAILURE, "{\"n\": 12}", false);

    // when
    LocalRun.Result silent = run(BRANCHES_THEN_FAILURE, "{\"n\": 12}", true);

    // then
    assertThat(recorded.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(silent.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(silent.execution().output()).isEqualTo(recorded.execution().output());
    assertThat(recorded.history()).isNotEmpty();
    assertThat(silent.history()).isEmpty();
  }

  @Test
  void shouldNameTheSameEventIdWhenAStateFails() {
    // given
    LocalRun.Result recorded = run(BRANCHES_THEN_FAILURE, "{\"n\": 3}", false);

    // when
    LocalRun.Result silent = run(BRANCHES_THEN_FAILURE, "{\"n\": 3}", true);

    // then
    assertThat(silent.execution().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(silent.execution().error()).isEqualTo(recorded.execution().error());
    assertThat(silent.execution().cause()).isEqualTo(recorded.execution().cause());
    assertThat(silent.execution().cause().orElseThrow()).contains("(entered at the event id #");
  }

  @Test
  void shouldStopAtTheHistoryLimitWhenItRecordsNone() {
    // given
    LocalRun.Result recorded = run(HistoryLimitTest.ENDLESS_LOOP, "{\"spin\": true}", false);

    // when
    LocalRun.Result silent = run(HistoryLimitTest.ENDLESS_LOOP, "{\"spin\": true}", true);

    // then
    assertThat(silent.execution().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(silent.execution().cause()).isEqualTo(recorded.execution().cause());
    assertThat(silent.commands()).isEqualTo(recorded.commands());
  }

  /** Runs a definition to its end on the virtual clock, with or without a history. */
  private static LocalRun.Result run(String definition, String input, boolean withoutHistory) {
    Execution execution =
        Execution.of(DefinitionParser.parse(definition).stateMachine().orElseThrow(), 7L);
    if (withoutHistory) {
      execution.withoutHistory();
    }
    return LocalRun.run(execution, Runs.json(input), ExecutionIdentity.local("m", "e"), Runs.START);
  }
}
