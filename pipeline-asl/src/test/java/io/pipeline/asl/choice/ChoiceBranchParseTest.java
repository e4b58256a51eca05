package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChoiceBranchParseTest {

  private static final String AT = "/States/Check/Choices/1";

  private final List<String> problems = new ArrayList<>();

  private Optional<ChoiceBranch> parseBranch(String ruleJson) {
    return ChoiceRules.parseBranch(json(ruleJson), AT, problems);
  }

  @Test
  void shouldReturnTheRuleAndItsNextWhenTopLevelRuleIsValid() {
    // when
    Optional<ChoiceBranch> branch =
        parseBranch("{'Variable': '$.value', 'NumericEquals': 0, 'Next': 'ValueIsZero'}");

    // then
    assertThat(problems).isEmpty();
    assertThat(branch)
        .contains(
            new ChoiceBranch(
                new ChoiceRule.Comparison(
                    "$.value",
                    ComparisonOperator.NUMERIC_EQUALS,
                    new ChoiceRule.Literal(json("0"))),
                "ValueIsZero"));
  }

  @Test
  void shouldLeaveAssignAndCommentToTheCallerWhenTopLevelRuleHasThem() {
    // when
    Optional<ChoiceBranch> branch =
        parseBranch(
            "{'Comment': 'c', 'Not': {'Variable': '$.x', 'IsPresent': true},"
                + " 'Assign': {'status': 'UNKNOWN'}, 'Next': 'Final'}");

    // then
    assertThat(problems).isEmpty();
    assertThat(branch.map(ChoiceBranch::next)).contains("Final");
  }

  @Test
  void shouldReportMissingNextWhenTopLevelRuleHasNone() {
    // when
    Optional<ChoiceBranch> branch = parseBranch("{'Variable': '$.v', 'IsNull': true}");

    // then
    assertThat(branch).isEmpty();
    assertThat(problems).containsExactly(AT + ": missing Next");
  }

  @Test
  void shouldReportTheNextWhenItIsNotAStateName() {
    // when
    Optional<ChoiceBranch> branch = parseBranch("{'Variable': '$.v', 'IsNull': true, 'Next': ''}");

    // then
    assertThat(branch).isEmpty();
    assertThat(problems).containsExactly(AT + "/Next: must be a non-empty state name");
  }

  @Test
  void shouldRejectNextInsideANestedRuleWhenTopLevelRuleHasOne() {
    // when
    Optional<ChoiceBranch> branch =
        parseBranch("{'Not': {'Variable': '$.v', 'IsNull': true, 'Next': 'A'}, 'Next': 'B'}");

    // then
    assertThat(branch).isEmpty();
    assertThat(problems)
        .containsExactly(AT + "/Not: Next is only allowed on a top-level choice rule");
  }

  @Test
  void shouldReportBothWhenRuleAndNextAreInvalid() {
    // when
    Optional<ChoiceBranch> branch = parseBranch("{'Variable': '$.v', 'NumericEquals': 'one'}");

    // then
    assertThat(branch).isEmpty();
    assertThat(problems)
        .containsExactlyInAnyOrder(AT + "/NumericEquals: must be a number", AT + ": missing Next");
  }

  @Test
  void shouldReportTheShapeWhenTopLevelRuleIsNotAnObject() {
    // when
    Optional<ChoiceBranch> branch = parseBranch("['Next']");

    // then
    assertThat(branch).isEmpty();
    assertThat(problems).containsExactly(AT + ": a choice rule must be a JSON object");
  }
}
