package io.pipeline.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldReportNothingWhenJsonPathDefinitionIsValid() {
    // given
    JsonNode definition = resource("jsonpath-every-state.json");

    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldReportNothingWhenJsonataDefinitionIsValid() {
    // given
    JsonNode definition = resource("jsonata-every-state.json");

    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldReportUnknownFieldWhenStateHasFieldTheLanguageDoesNotDefine() {
    // given
    String definition = states("\"A\": {\"Type\": \"Pass\", \"Colour\": \"red\", \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.UNKNOWN_FIELD, "/States/A/Colour"));
  }

  @Test
  void shouldReportUnknownFieldWhenTopLevelHasFieldTheLanguageDoesNotDefine() {
    // given
    String definition =
        "{\"StartAt\": \"A\", \"Owner\": \"me\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.UNKNOWN_FIELD, "/Owner"));
  }

  @Test
  void shouldReportFieldNotAllowedWhenPassHasResource() {
    // given
    String definition =
        states("\"A\": {\"Type\": \"Pass\", \"Resource\": \"arn:x\", \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.FIELD_NOT_ALLOWED, "/States/A/Resource"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Type\": \"Pass\", \"End\": true}",
        "{\"Type\": \"Wait\", \"Seconds\": 1, \"End\": true}",
        "{\"Type\": \"Succeed\"}",
        "{\"Type\": \"Fail\"}",
        "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"IsNull\": true,"
            + " \"Next\": \"Z\"}]}"
      })
  void shouldReportFieldNotAllowedWhenStateTypeCannotRetry(String state) {
    // given
    ObjectNode stateJson = (ObjectNode) read(state);
    stateJson.putArray("Retry").addObject().putArray("ErrorEquals").add("States.ALL");
    ObjectNode definition = JSON.createObjectNode().put("StartAt", "A");
    ObjectNode states = definition.putObject("States");
    states.set("A", stateJson);
    if (state.contains("\"Z\"")) {
      states.putObject("Z").put("Type", "Succeed");
    }

    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.FIELD_NOT_ALLOWED, "/States/A/Retry"));
  }

  @Test
  void shouldReportFieldNotAllowedWhenFailHasResultPath() {
    // given
    String definition = states("\"A\": {\"Type\": \"Fail\", \"ResultPath\": \"$.x\"}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.FIELD_NOT_ALLOWED, "/States/A/ResultPath"));
  }

  @Test
  void shouldReportJsonPathFieldWhenStateInheritsJsonata() {
    // given
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "A",
         "States": {"A": {"Type": "Pass", "InputPath": "$.a", "End": true}}}
        """;

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE, "/States/A/InputPath"));
    assertThat(diagnostics.get(0).message()).contains("JSONPath", "JSONata");
  }

  @Test
  void shouldReportJsonataFieldWhenStateUsesJsonPathByDefault() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Task", "Resource": "arn:x", "Arguments": {}, "End": true}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE, "/States/A/Arguments"));
  }

  @Test
  void shouldAcceptJsonataFieldsWhenStateOptsIntoJsonata() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input %}",
                  "End": true}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldReportJsonPathFieldInBranchWhenParallelUsesJsonata() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Parallel", "QueryLanguage": "JSONata", "End": true, "Branches": [
              {"StartAt": "X", "States": {"X": {"Type": "Pass", "OutputPath": "$", "End": true}}}
            ]}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(
                DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE,
                "/States/A/Branches/0/States/X/OutputPath"));
  }

  @Test
  void shouldReportJsonPathUnderJsonataWhenStateAsksForJsonPathInJsonataMachine() {
    // given
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "A",
         "States": {"A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}
        """;

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.JSONPATH_UNDER_JSONATA, "/States/A/QueryLanguage"));
  }

  @Test
  void shouldReportInvalidQueryLanguageWhenLanguageIsUnknown() {
    // given
    String definition =
        "{\"QueryLanguage\": \"XPath\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\":"
            + " \"Succeed\"}}}";

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_QUERY_LANGUAGE, "/QueryLanguage"));
  }

  @Test
  void shouldReportMissingTypeWhenStateHasNoType() {
    // given
    String definition = states("\"A\": {\"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_TYPE, "/States/A"));
  }

  @Test
  void shouldReportInvalidStateTypeWhenTypeIsUnknown() {
    // given
    String definition = states("\"A\": {\"Type\": \"Sleep\", \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_STATE_TYPE, "/States/A/Type"));
  }

  @Test
  void shouldReportMissingStartAtWhenMachineHasNone() {
    // given
    String definition = "{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_START_AT, ""));
  }

  @Test
  void shouldReportMissingStatesWhenMachineHasNone() {
    // given
    String definition = "{\"StartAt\": \"A\", \"States\": {}}";

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_STATES, "/States"));
  }

  @Test
  void shouldReportMissingNextWhenStateNeitherMovesOnNorEnds() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "End": false},
            "C": {"Type": "Pass"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.MISSING_NEXT, "/States/B"),
            tuple(DiagnosticCodes.MISSING_NEXT, "/States/C"),
            tuple(DiagnosticCodes.MISSING_END_STATE, "/States"),
            tuple(DiagnosticCodes.UNREACHABLE_STATE, "/States/C"));
  }

  @Test
  void shouldReportNextAndEndWhenStateHasBoth() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Pass", "Next": "B", "End": true},
            "B": {"Type": "Succeed"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.NEXT_AND_END, "/States/A/End"));
  }

  @Test
  void shouldReportMissingTransitionTargetWhenNextNamesNoState() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Pass", "Next": "Nowhere"},
            "B": {"Type": "Succeed"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/A/Next"),
            tuple(DiagnosticCodes.UNREACHABLE_STATE, "/States/B"));
  }

  @Test
  void shouldReportMissingTransitionTargetWhenChoiceDefaultOrRuleNamesNoState() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Choice", "Default": "Gone",
                  "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "Lost"},
                              {"Variable": "$.a", "IsNull": false, "Next": "B"}]},
            "B": {"Type": "Succeed"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/A/Choices/0/Next"),
            tuple(DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/A/Default"));
  }

  @Test
  void shouldReportMissingTransitionTargetWhenCatcherNamesNoState() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Task", "Resource": "arn:x", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/A/Catch/0/Next"));
  }

  @Test
  void shouldReportMissingTransitionTargetWhenStartAtNamesNoState() {
    // given
    String definition = "{\"StartAt\": \"Z\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_TRANSITION_TARGET, "/StartAt"));
  }

  @Test
  void shouldReportMissingTransitionTargetWhenBranchStateNamesOuterState() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Parallel", "Next": "B", "Branches": [
              {"StartAt": "X",
               "States": {"X": {"Type": "Pass", "Next": "B"}, "Y": {"Type": "Succeed"}}}
            ]},
            "B": {"Type": "Succeed"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .contains(
            tuple(DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/A/Branches/0/States/X/Next"));
  }

  @Test
  void shouldReportUnreachableStateAsErrorWhenNoTransitionLeadsToIt() {
    // given
    String definition =
        states("\"A\": {\"Type\": \"Succeed\"}, \"Orphan\": {\"Type\": \"Succeed\"}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(diagnostics)
        .extracting(Diagnostic::severity, Diagnostic::code, Diagnostic::location)
        .containsExactly(
            tuple(Diagnostic.Severity.ERROR, DiagnosticCodes.UNREACHABLE_STATE, "/States/Orphan"));
  }

  @Test
  void shouldReportMissingEndStateWhenNoStateCanEnd() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "Next": "A"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_END_STATE, "/States"));
  }

  @Test
  void shouldReportDuplicateStateNameWhenBranchReusesName() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}
            ]}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.DUPLICATE_STATE_NAME, "/States/A/Branches/0/States/A"));
  }

  @Test
  void shouldReportMissingChoicesWhenChoiceHasNoRules() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Choice", "Choices": [], "Default": "B"},
            "B": {"Type": "Succeed"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_CHOICES, "/States/A/Choices"));
  }

  @Test
  void shouldReportInvalidChoiceRuleAtItsOwnLocationWhenNestedRuleIsWrong() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Choice", "Choices": [
              {"And": [{"Variable": "$.a", "IsNull": true}, {"Variable": "a", "IsNull": true}],
               "Next": "B"}]},
            "B": {"Type": "Succeed"}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.INVALID_CHOICE_RULE, "/States/A/Choices/0/And/1/Variable"));
  }

  @Test
  void shouldReportMissingConditionWhenJsonataRuleHasNone() {
    // given
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
          "A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "B"}]},
          "B": {"Type": "Succeed"}}}
        """;

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE, "/States/A/Choices/0/Variable"),
            tuple(DiagnosticCodes.FIELD_NOT_IN_QUERY_LANGUAGE, "/States/A/Choices/0/IsNull"),
            tuple(DiagnosticCodes.MISSING_CONDITION, "/States/A/Choices/0"));
  }

  @Test
  void shouldReportInvalidPathWhenPathFieldIsNotJsonPath() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Pass", "InputPath": "input", "ResultPath": "$.a[*]",
                  "OutputPath": "$.[", "Next": "B"},
            "B": {"Type": "Map", "ItemsPath": "$$$", "End": true,
                  "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.INVALID_PATH, "/States/A/InputPath"),
            tuple(DiagnosticCodes.INVALID_PATH, "/States/A/OutputPath"),
            tuple(DiagnosticCodes.INVALID_PATH, "/States/A/ResultPath"),
            tuple(DiagnosticCodes.INVALID_PATH, "/States/B/ItemsPath"));
  }

  @Test
  void shouldReportInvalidPathWhenResultPathTargetsContext() {
    // given
    String definition =
        states("\"A\": {\"Type\": \"Pass\", \"ResultPath\": \"$$.x\", \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_PATH, "/States/A/ResultPath"));
  }

  @Test
  void shouldReportInvalidPathWhenPayloadTemplateFieldIsNotJsonPath() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Task", "Resource": "arn:x", "End": true,
                  "Parameters": {"outer": {"list": [{"bad.$": "no path"}]}},
                  "ResultSelector": {"worse.$": "$["},
                  "Assign": {"v.$": 42}}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.INVALID_PATH, "/States/A/Parameters/outer/list/0/bad.$"),
            tuple(DiagnosticCodes.INVALID_PATH, "/States/A/ResultSelector/worse.$"),
            tuple(DiagnosticCodes.INVALID_FIELD_TYPE, "/States/A/Assign/v.$"));
  }

  @Test
  void shouldReportInvalidIntrinsicWithParserMessageWhenCallDoesNotParse() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Map", "End": true,
                  "ItemSelector": {"x.$": "States.Format('{}', $.a"},
                  "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_INTRINSIC, "/States/A/ItemSelector/x.$"));
    assertThat(diagnostics.get(0).message()).startsWith("Invalid intrinsic function call");
  }

  @Test
  void shouldReportInvalidIntrinsicWhenFunctionIsUnknown() {
    // given
    String definition = states("\"A\": {\"Type\": \"Fail\", \"CausePath\": \"States.Shout($.a)\"}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_INTRINSIC, "/States/A/CausePath"));
  }

  @Test
  void shouldReportInvalidIntrinsicWhenNumberExponentOverflows() {
    // given
    String definition =
        states(
            """
            "A": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd(1e99999999999, 1)"},
                  "End": true}
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_INTRINSIC, "/States/A/Parameters/n.$"));
  }

  @Test
  void shouldReportTooDeepExpressionsWhenNestingWouldOverflowTheParsers() {
    // given
    String call = "States.Array(".repeat(5000) + ")".repeat(5000);
    String path = "$[?(" + "(".repeat(5000) + "@.a" + ")".repeat(5000) + ")]";
    ObjectNode definition =
        (ObjectNode)
            read(
                states(
                    """
                    "A": {"Type": "Choice", "Choices": [{"IsNull": true, "Next": "B"}]},
                    "B": {"Type": "Pass", "End": true}
                    """));
    ((ObjectNode) definition.at("/States/A/Choices/0")).put("Variable", path);
    ((ObjectNode) definition.at("/States/B")).put("InputPath", path);
    ((ObjectNode) definition.at("/States/B")).putObject("Parameters").put("x.$", call);

    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.INVALID_CHOICE_RULE, "/States/A/Choices/0/Variable"),
            tuple(DiagnosticCodes.INVALID_PATH, "/States/B/InputPath"),
            tuple(DiagnosticCodes.INVALID_INTRINSIC, "/States/B/Parameters/x.$"));
  }

  @Test
  void shouldWarnNoDollarWhenTemplateValueLooksLikePath() {
    // given
    String definition =
        states("\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"id\": \"$.id\"}, \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(diagnostics)
        .extracting(Diagnostic::severity, Diagnostic::code, Diagnostic::location)
        .containsExactly(
            tuple(
                Diagnostic.Severity.WARNING, DiagnosticCodes.NO_DOLLAR, "/States/A/Parameters/id"));
  }

  @Test
  void shouldReportInvalidJsonataTemplateWhenTemplateIsNotClosed() {
    // given
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
          "A": {"Type": "Pass", "Output": {"a": ["{% $states.input"]}, "Assign": {"b": "{%  %}"},
                "End": true}}}
        """;

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.INVALID_JSONATA_TEMPLATE, "/States/A/Output/a/0"),
            tuple(DiagnosticCodes.INVALID_JSONATA_TEMPLATE, "/States/A/Assign/b"));
  }

  @Test
  void shouldReportMissingErrorEqualsWhenRetrierHasNoneOrEmpty() {
    // given
    String definition = task("\"Retry\": [{\"MaxAttempts\": 1}, {\"ErrorEquals\": []}]");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.MISSING_ERROR_EQUALS, "/States/A/Retry/0"),
            tuple(DiagnosticCodes.MISSING_ERROR_EQUALS, "/States/A/Retry/1"));
  }

  @Test
  void shouldReportStatesAllNotAloneWhenListedWithOtherErrors() {
    // given
    String definition = task("\"Retry\": [{\"ErrorEquals\": [\"Custom\", \"States.ALL\"]}]");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.STATES_ALL_NOT_ALONE, "/States/A/Retry/0/ErrorEquals/1"));
  }

  @Test
  void shouldReportStatesAllNotLastWhenCatcherForAllComesFirst() {
    // given
    String definition =
        task(
            "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"A\"},"
                + " {\"ErrorEquals\": [\"Custom\"], \"Next\": \"A\"}]");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.STATES_ALL_NOT_LAST, "/States/A/Catch/0"));
  }

  @Test
  void shouldReportUnknownStatesErrorWhenReservedPrefixNamesNoError() {
    // given
    String definition =
        task(
            """
            "Catch": [{"ErrorEquals": ["States.Oops", "States.Timeout"], "Next": "A"}]
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.UNKNOWN_STATES_ERROR, "/States/A/Catch/0/ErrorEquals/0"));
  }

  @Test
  void shouldAcceptTheHttpTasksErrorNamesAndNoOtherHttpStatus() {
    // given
    String definition =
        task(
            """
            "Catch": [{"ErrorEquals": ["States.Http.Socket", "States.Http.StatusCode.404",
              "States.Http.StatusCode.503", "States.Http.StatusCode.42"], "Next": "A"}]
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.UNKNOWN_STATES_ERROR, "/States/A/Catch/0/ErrorEquals/3"));
  }

  @Test
  void shouldReportRetrierValuesWhenOutOfRange() {
    // given
    String definition =
        task(
            """
            "Retry": [
              {"ErrorEquals": ["A"], "MaxAttempts": -1, "IntervalSeconds": 0, "BackoffRate": 0.5},
              {"ErrorEquals": ["B"], "MaxAttempts": 1.5, "IntervalSeconds": "2",
               "MaxDelaySeconds": 0, "JitterStrategy": "HALF"}
            ]
            """);

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.INVALID_INTERVAL_SECONDS, "/States/A/Retry/0/IntervalSeconds"),
            tuple(DiagnosticCodes.INVALID_MAX_ATTEMPTS, "/States/A/Retry/0/MaxAttempts"),
            tuple(DiagnosticCodes.INVALID_BACKOFF_RATE, "/States/A/Retry/0/BackoffRate"),
            tuple(DiagnosticCodes.INVALID_INTERVAL_SECONDS, "/States/A/Retry/1/IntervalSeconds"),
            tuple(DiagnosticCodes.INVALID_MAX_ATTEMPTS, "/States/A/Retry/1/MaxAttempts"),
            tuple(DiagnosticCodes.INVALID_MAX_DELAY_SECONDS, "/States/A/Retry/1/MaxDelaySeconds"),
            tuple(DiagnosticCodes.INVALID_JITTER_STRATEGY, "/States/A/Retry/1/JitterStrategy"));
  }

  @Test
  void shouldReportUnknownFieldWhenRetrierHasFieldOfNoRetrier() {
    // given
    String definition = task("\"Retry\": [{\"ErrorEquals\": [\"A\"], \"Next\": \"A\"}]");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.UNKNOWN_FIELD, "/States/A/Retry/0/Next"));
  }

  @Test
  void shouldReportExclusiveFieldsWhenTimeoutAndItsPathAreBothSet() {
    // given
    String definition =
        task(
            "\"TimeoutSeconds\": 10, \"TimeoutSecondsPath\": \"$.t\", \"HeartbeatSeconds\": 5,"
                + " \"HeartbeatSecondsPath\": \"$.h\"");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.EXCLUSIVE_FIELDS, "/States/A/TimeoutSecondsPath"),
            tuple(DiagnosticCodes.EXCLUSIVE_FIELDS, "/States/A/HeartbeatSecondsPath"));
  }

  @Test
  void shouldReportHeartbeatNotBelowTimeoutWhenHeartbeatIsAsLong() {
    // given
    String definition = task("\"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 10");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.HEARTBEAT_NOT_BELOW_TIMEOUT, "/States/A/HeartbeatSeconds"));
  }

  @Test
  void shouldReportInvalidTimeoutWhenTimeoutIsNotPositive() {
    // given
    String definition = task("\"TimeoutSeconds\": 0");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_TIMEOUT, "/States/A/TimeoutSeconds"));
  }

  @Test
  void shouldReportMissingResourceWhenTaskHasNone() {
    // given
    String definition = states("\"A\": {\"Type\": \"Task\", \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_RESOURCE, "/States/A"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\"Seconds\": 1, \"TimestampPath\": \"$.t\","})
  void shouldReportInvalidWaitWhenWaitHasNotExactlyOneDuration(String durations) {
    // given
    String definition = states("\"A\": {\"Type\": \"Wait\", " + durations + " \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.INVALID_WAIT, "/States/A"));
  }

  @Test
  void shouldReportExclusiveFieldsWhenFailHasErrorAndErrorPath() {
    // given
    String definition =
        states("\"A\": {\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.EXCLUSIVE_FIELDS, "/States/A/ErrorPath"));
  }

  @Test
  void shouldReportMissingItemProcessorWhenMapHasNone() {
    // given
    String definition = states("\"A\": {\"Type\": \"Map\", \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_ITEM_PROCESSOR, "/States/A"));
  }

  @Test
  void shouldValidateItemProcessorRecursivelyWhenMapNestsStates() {
    // given
    String definition =
        states(
                """
            "M": {"Type": "Map", "End": true, "ItemProcessor": {
              "ProcessorConfig": {"Mode": "SIDEWAYS"},
              "StartAt": "X",
              "States": {
                "X": {"Type": "Pass", "Resource": "arn:x", "Next": "Y"},
                "Y": {"Type": "Wait", "End": true}}}}
            """)
            .replace("\"StartAt\": \"A\"", "\"StartAt\": \"M\"");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(
            tuple(DiagnosticCodes.INVALID_VALUE, "/States/M/ItemProcessor/ProcessorConfig/Mode"),
            tuple(DiagnosticCodes.FIELD_NOT_ALLOWED, "/States/M/ItemProcessor/States/X/Resource"),
            tuple(DiagnosticCodes.INVALID_WAIT, "/States/M/ItemProcessor/States/Y"));
  }

  @Test
  void shouldReportMissingBranchesWhenParallelHasNone() {
    // given
    String definition = states("\"A\": {\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.MISSING_BRANCHES, "/States/A/Branches"));
  }

  @Test
  void shouldReportNotAnObjectWhenDefinitionOrStateIsNoObject() {
    // given
    String array = "[]";
    String stringState = states("\"A\": \"Succeed\"");

    // when
    List<Diagnostic> ofArray = validate(array);
    List<Diagnostic> ofString = validate(stringState);

    // then
    assertThat(codesAndLocations(ofArray))
        .containsExactly(tuple(DiagnosticCodes.NOT_AN_OBJECT, ""));
    assertThat(codesAndLocations(ofString))
        .containsExactly(tuple(DiagnosticCodes.NOT_AN_OBJECT, "/States/A"));
  }

  @Test
  void shouldReportInvalidFieldTypeWhenNextIsNoString() {
    // given
    String definition = states("\"A\": {\"Type\": \"Pass\", \"Next\": 7}");

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .contains(tuple(DiagnosticCodes.INVALID_FIELD_TYPE, "/States/A/Next"));
  }

  @Test
  void shouldEscapeLocationWhenStateNameHasSlashOrTilde() {
    // given
    String definition =
        "{\"StartAt\": \"a/b~c\", \"States\": {\"a/b~c\": {\"Type\": \"Pass\", \"End\": true,"
            + " \"Bogus\": 1}}}";

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.UNKNOWN_FIELD, "/States/a~1b~0c/Bogus"));
  }

  @Test
  void shouldReportDefinitionTooLargeWhenOverOneMebibyte() {
    // given
    ObjectNode definition = (ObjectNode) read(states("\"A\": {\"Type\": \"Succeed\"}"));
    definition.put("Comment", "x".repeat(DefinitionParser.MAX_DEFINITION_BYTES));

    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactly(tuple(DiagnosticCodes.DEFINITION_TOO_LARGE, ""));
  }

  @Test
  void shouldReportEveryProblemAtOnceWhenDefinitionHasSeveral() {
    // given
    String definition =
        """
        {
          "StartAt": "Start",
          "States": {
            "Start": {"Type": "Pass", "Resource": "arn:x", "InputPath": "nope", "Next": "Missing"},
            "Work": {"Type": "Task", "Resource": "arn:x", "End": true,
                     "Retry": [{"ErrorEquals": ["States.ALL", "Custom"], "BackoffRate": 0}]},
            "Pause": {"Type": "Wait", "End": true},
            "Stop": {"Type": "Fail", "ResultPath": "$.x"}
          }
        }
        """;

    // when
    List<Diagnostic> diagnostics = validate(definition);

    // then
    assertThat(codesAndLocations(diagnostics))
        .containsExactlyInAnyOrder(
            tuple(DiagnosticCodes.FIELD_NOT_ALLOWED, "/States/Start/Resource"),
            tuple(DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/Start/Next"),
            tuple(DiagnosticCodes.INVALID_PATH, "/States/Start/InputPath"),
            tuple(DiagnosticCodes.STATES_ALL_NOT_ALONE, "/States/Work/Retry/0/ErrorEquals/0"),
            tuple(DiagnosticCodes.INVALID_BACKOFF_RATE, "/States/Work/Retry/0/BackoffRate"),
            tuple(DiagnosticCodes.INVALID_WAIT, "/States/Pause"),
            tuple(DiagnosticCodes.FIELD_NOT_ALLOWED, "/States/Stop/ResultPath"),
            tuple(DiagnosticCodes.UNREACHABLE_STATE, "/States/Work"),
            tuple(DiagnosticCodes.UNREACHABLE_STATE, "/States/Pause"),
            tuple(DiagnosticCodes.UNREACHABLE_STATE, "/States/Stop"));
  }

  private static String states(String states) {
    return "{\"StartAt\": \"A\", \"States\": {" + states + "}}";
  }

  /** A definition whose only state, A, is a Task with the given extra fields. */
  private static String task(String fields) {
    return states(
        "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:x\", \"End\": true, " + fields + "}");
  }

  private static List<Diagnostic> validate(String definition) {
    return DefinitionValidator.validate(read(definition));
  }

  private static JsonNode resource(String name) {
    try (InputStream in =
        DefinitionValidatorTest.class.getResourceAsStream("/definitions/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String definition) {
    try {
      return JSON.readTree(definition);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the test's definition is not JSON", e);
    }
  }

  private static List<Tuple> codesAndLocations(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> tuple(d.code(), d.location())).toList();
  }

  @org.junit.jupiter.api.Test
  void shouldReportJsonataThatDoesNotCompileWithItsLocation() throws Exception {
    com.fasterxml.jackson.databind.JsonNode definition =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\":"
                    + " {\"Type\": \"Pass\", \"Output\": {\"x\": \"{% $sum(( %}\"}, \"End\": true}}}");

    java.util.List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    org.assertj.core.api.Assertions.assertThat(diagnostics)
        .singleElement()
        .satisfies(
            d -> {
              org.assertj.core.api.Assertions.assertThat(d.code()).isEqualTo("INVALID_JSONATA");
              org.assertj.core.api.Assertions.assertThat(d.location())
                  .isEqualTo("/States/A/Output/x");
            });
  }
}
