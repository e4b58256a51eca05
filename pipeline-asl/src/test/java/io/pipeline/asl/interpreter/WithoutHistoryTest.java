package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.parse.DefinitionParser;
import java.util.ArrayList;
import java.util.List;
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
    Run recorded = run(BRANCHES_THEN_FAILURE, "{\"n\": 12}", false);

    // when
    Run silent = run(BRANCHES_THEN_FAILURE, "{\"n\": 12}", true);

    // then
    assertThat(recorded.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(silent.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(silent.execution.output()).isEqualTo(recorded.execution.output());
    assertThat(recorded.events).isNotEmpty();
    assertThat(silent.events).isEmpty();
  }

  @Test
  void shouldNameTheSameEventIdWhenAStateFails() {
    // given
    Run recorded = run(BRANCHES_THEN_FAILURE, "{\"n\": 3}", false);

    // when
    Run silent = run(BRANCHES_THEN_FAILURE, "{\"n\": 3}", true);

    // then
    assertThat(silent.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(silent.execution.error()).isEqualTo(recorded.execution.error());
    assertThat(silent.execution.cause()).isEqualTo(recorded.execution.cause());
    assertThat(silent.execution.cause().orElseThrow()).contains("(entered at the event id #");
  }

  @Test
  void shouldStopAtTheHistoryLimitWhenItRecordsNone() {
    // given
    Run recorded = run(HistoryLimitTest.ENDLESS_LOOP, "{\"spin\": true}", false);

    // when
    Run silent = run(HistoryLimitTest.ENDLESS_LOOP, "{\"spin\": true}", true);

    // then
    assertThat(silent.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(silent.execution.cause()).isEqualTo(recorded.execution.cause());
    assertThat(silent.commands).isEqualTo(recorded.commands);
  }

  private record Run(Execution execution, List<HistoryEvent> events, int commands) {}

  /** Runs a definition to its end, firing each timer it arms as soon as it is armed. */
  private static Run run(String definition, String input, boolean withoutHistory) {
    Execution execution =
        Execution.of(DefinitionParser.parse(definition).stateMachine().orElseThrow(), 7L);
    if (withoutHistory) {
      execution.withoutHistory();
    }
    List<HistoryEvent> events = new ArrayList<>();
    List<Effect.ArmTimer> timers = new ArrayList<>();
    JsonNode json = Runs.json(input);
    Step step =
        execution.handle(
            new Command.StartExecution(json, ExecutionIdentity.local("m", "e"), Runs.START));
    int commands = 1;
    while (true) {
      events.addAll(step.events());
      step.effects().stream()
          .filter(Effect.ArmTimer.class::isInstance)
          .map(Effect.ArmTimer.class::cast)
          .forEach(timers::add);
      if (execution.status() != ExecutionStatus.RUNNING || timers.isEmpty()) {
        return new Run(execution, events, commands);
      }
      Effect.ArmTimer next = timers.remove(0);
      step = execution.handle(new Command.FireTimer(next.timerId(), next.dueAt()));
      commands++;
    }
  }
}
