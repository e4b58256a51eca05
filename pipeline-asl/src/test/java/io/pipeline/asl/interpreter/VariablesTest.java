package io.pipeline.asl.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VariablesTest {

  @Test
  void shouldReadAssignedVariablesInLaterChoice() {
    String definition =
        """
        {"StartAt": "Setup", "States": {
          "Setup": {"Type": "Pass", "Assign": {"guess": "a", "answer": "a"}, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [
              {"Variable": "$guess", "StringEqualsPath": "$answer", "Next": "Right"}],
            "Default": "Wrong"},
          "Right": {"Type": "Pass", "Result": "right", "End": true},
          "Wrong": {"Type": "Pass", "Result": "wrong", "End": true}}}
        """;

    LocalRun.Result result = Runs.run(definition, "{}");

    assertThat(result.execution().cause()).isEmpty();
    assertThat(result.execution().output()).hasValue(Runs.json("\"right\""));
  }
}
