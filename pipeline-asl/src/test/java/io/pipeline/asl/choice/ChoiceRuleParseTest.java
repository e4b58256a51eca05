package io.pipeline.asl.choice;

import static io.pipeline.asl.choice.ChoiceJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRuleParseTest {

  private static final String AT = "/States/Check/Choices/0";

  private final List<String> problems = new ArrayList<>();

  private Optional<ChoiceRule> parse(String ruleJson) {
    return ChoiceRules.parse(json(ruleJson), AT, problems);
  }

  @Test
  void shouldBuildTheModelWhenRuleIsValid() {
    // when
    Optional<ChoiceRule> rule =
        parse(
            "{'And': [{'Variable': '$.n', 'NumericLessThan': 3},"
                + " {'Not': {'Variable': '$.s', 'StringEqualsPath': '$$.Execution.Name'}},"
                + " {'Variable': '$.x', 'IsPresent': true}]}");

    // then
    assertThat(problems).isEmpty();
    assertThat(rule)
        .contains(
            new ChoiceRule.And(
                List.of(
                    new ChoiceRule.Comparison(
                        "$.n",
                        ComparisonOperator.NUMERIC_LESS_THAN,
                        new ChoiceRule.Literal(json("3"))),
                    new ChoiceRule.Not(
                        new ChoiceRule.Comparison(
                            "$.s",
                            ComparisonOperator.STRING_EQUALS,
                            new ChoiceRule.PathOperand("$$.Execution.Name"))),
                    new ChoiceRule.TypeTest("$.x", TypeCheck.IS_PRESENT, true))));
  }

  @Test
  void shouldAcceptACommentWhenItIsAString() {
    // when
    Optional<ChoiceRule> rule =
        parse("{'Comment': 'why', 'Variable': '$.v', 'BooleanEquals': true}");

    // then
    assertThat(problems).isEmpty();
    assertThat(rule).isPresent();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'Variable': '$.v', 'StringEqual': 'a'}"
            + " | /States/Check/Choices/0: unknown operator or field 'StringEqual'",
        "{'Variable': '$.v', 'StringMatchesPath': '$.p'}"
            + " | /States/Check/Choices/0: unknown operator or field 'StringMatchesPath'",
        "{'Variable': '$.v', 'IsNullPath': '$.p'}"
            + " | /States/Check/Choices/0: unknown operator or field 'IsNullPath'",
        "{'StringEquals': 'a'}" + " | /States/Check/Choices/0: missing Variable",
        "{'Variable': '$.v'}"
            + " | /States/Check/Choices/0: no operator: a choice rule needs And, Or, Not, or a"
            + " Variable with a comparison operator such as StringEquals or IsPresent",
        "{'Variable': '$.v', 'StringEquals': 'a', 'IsNull': true}"
            + " | /States/Check/Choices/0: several operators (StringEquals, IsNull): a choice"
            + " rule takes exactly one",
        "{'And': [{'Variable': '$.v', 'IsNull': true}], 'Not': {'Variable': '$.v', 'IsNull':"
            + " true}} | /States/Check/Choices/0: several operators (And, Not): a choice rule takes"
            + " exactly one",
        "{'Variable': '$.v', 'NumericEquals': 'abc'}"
            + " | /States/Check/Choices/0/NumericEquals: must be a number",
        "{'Variable': '$.v', 'StringEquals': 1}"
            + " | /States/Check/Choices/0/StringEquals: must be a string",
        "{'Variable': '$.v', 'StringMatches': null}"
            + " | /States/Check/Choices/0/StringMatches: must be a string",
        "{'Variable': '$.v', 'BooleanEquals': 'true'}"
            + " | /States/Check/Choices/0/BooleanEquals: must be a boolean",
        "{'Variable': '$.v', 'IsPresent': 1}"
            + " | /States/Check/Choices/0/IsPresent: must be a boolean",
        "{'Variable': '$.v', 'TimestampEquals': '2016-03-14 01:59:00Z'}"
            + " | /States/Check/Choices/0/TimestampEquals: must be a timestamp string such as"
            + " 2016-03-14T01:59:00Z",
        "{'Variable': 7, 'IsNull': true}"
            + " | /States/Check/Choices/0/Variable: must be a path string such as $.field or"
            + " $$.Execution.Input.field",
        "{'Variable': 'v', 'IsNull': true}"
            + " | /States/Check/Choices/0/Variable: 'v' is not a valid JSONPath: it starts with $"
            + " for the state's input, $$ for the context object, or $name for a variable",
        "{'Variable': '$.', 'IsNull': true}"
            + " | /States/Check/Choices/0/Variable: '$.' is not a valid JSONPath: it starts with"
            + " $ for the state's input, $$ for the context object, or $name for a variable",
        "{'Variable': '$.items[*].id', 'IsNull': true}"
            + " | /States/Check/Choices/0/Variable: '$.items[*].id' may name several values: a"
            + " choice rule needs a reference path, without wildcards, filters, slices or deep"
            + " scans",
        "{'Variable': '$guess[*]', 'StringEqualsPath': '$.answer'}"
            + " | /States/Check/Choices/0/Variable: '$guess[*]' may name several values: a"
            + " choice rule needs a reference path, without wildcards, filters, slices or deep"
            + " scans",
        "{'Variable': '$.v', 'NumericEqualsPath': 3}"
            + " | /States/Check/Choices/0/NumericEqualsPath: must be a path string such as"
            + " $.field or $$.Execution.Input.field",
        "{'And': []} | /States/Check/Choices/0/And: must be a non-empty array of choice rules",
        "{'Or': {'Variable': '$.v', 'IsNull': true}}"
            + " | /States/Check/Choices/0/Or: must be a non-empty array of choice rules",
        "{'Not': [{'Variable': '$.v', 'IsNull': true}]}"
            + " | /States/Check/Choices/0/Not: a choice rule must be a JSON object",
        "{'Variable': '$.v', 'Not': {'Variable': '$.v', 'IsNull': true}}"
            + " | /States/Check/Choices/0: Variable is not allowed with Not",
        "{'Variable': '$.v', 'IsNull': true, 'Next': 'Done'}"
            + " | /States/Check/Choices/0: Next is only allowed on a top-level choice rule",
        "{'Condition': '{% true %}'}"
            + " | /States/Check/Choices/0: Condition belongs to JSONata choice rules; a JSONPath"
            + " rule uses Variable and an operator",
        "{'Comment': 1, 'Variable': '$.v', 'IsNull': true}"
            + " | /States/Check/Choices/0/Comment: must be a string",
        "'IsNull' | /States/Check/Choices/0: a choice rule must be a JSON object"
      })
  void shouldReportTheProblemAtItsLocationWhenRuleIsInvalid(String ruleJson, String problem) {
    // when
    Optional<ChoiceRule> rule = parse(ruleJson);

    // then
    assertThat(rule).isEmpty();
    assertThat(problems).contains(problem);
  }

  @Test
  void shouldLocateTheProblemInsideTheNestedRuleWhenANestedRuleIsInvalid() {
    // when
    Optional<ChoiceRule> rule =
        parse(
            "{'Or': [{'Variable': '$.a', 'IsNull': true},"
                + " {'And': [{'Variable': '$.b', 'IsNull': true}, {'Variable': '$.c'}]},"
                + " {'Not': {'Variable': 'c', 'IsNull': true}}]}");

    // then
    assertThat(rule).isEmpty();
    assertThat(problems)
        .hasSize(2)
        .allSatisfy(problem -> assertThat(problem).startsWith(AT + "/Or/"))
        .anySatisfy(problem -> assertThat(problem).startsWith(AT + "/Or/1/And/1: no operator"))
        .anySatisfy(problem -> assertThat(problem).startsWith(AT + "/Or/2/Not/Variable: 'c'"));
  }

  @Test
  void shouldReportEveryProblemWhenRuleHasSeveral() {
    // when
    Optional<ChoiceRule> rule =
        parse("{'Variable': 'v', 'TimestampLessThan': 'yesterday', 'Extra': 1}");

    // then
    assertThat(rule).isEmpty();
    assertThat(problems)
        .containsExactlyInAnyOrder(
            AT + ": unknown operator or field 'Extra'",
            AT
                + "/Variable: 'v' is not a valid JSONPath: it starts with $ for the state's input,"
                + " $$ for the context object, or $name for a variable",
            AT + "/TimestampLessThan: must be a timestamp string such as 2016-03-14T01:59:00Z");
  }

  @Test
  void shouldLeaveOtherProblemsAloneWhenAddingItsOwn() {
    // given
    problems.add("/States/Other: earlier problem");

    // when
    Optional<ChoiceRule> rule = parse("{'Variable': '$.v', 'IsString': true}");

    // then
    assertThat(rule).isPresent();
    assertThat(problems).containsExactly("/States/Other: earlier problem");
  }
}
